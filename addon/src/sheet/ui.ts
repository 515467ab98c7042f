/** The spreadsheet's user interface: the add-on menu, sidebars and alerts. */

export interface MenuItem {
  readonly caption: string;
  /** Name of a top-level function in the bundle. */
  readonly functionName: string;
}

/** Builds the Extensions → Data Commons menu. Safe in AuthMode.NONE: it touches nothing but the menu. */
export function addAddonMenu(items: readonly MenuItem[]): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of items) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

export function showSidebarOutput(output: GoogleAppsScript.HTML.HtmlOutput): void {
  SpreadsheetApp.getUi().showSidebar(output);
}

export function alert(message: string): void {
  SpreadsheetApp.getUi().alert(message);
}

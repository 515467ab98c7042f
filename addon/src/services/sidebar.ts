/**
 * Renders the sidebar. The payload goes into the page as escaped text (a printing scriptlet), and
 * the client reads it with textContent and builds the DOM with textContent too, so nothing a
 * member typed is ever parsed as HTML.
 */
import type { SidebarPayload } from '../core/payload';
import { showSidebarOutput } from '../sheet/ui';

export const SIDEBAR_FILE = 'sidebar';
export const SIDEBAR_TITLE = 'Data Commons';

export function showSidebar(payload: SidebarPayload): void {
  const template = HtmlService.createTemplateFromFile(SIDEBAR_FILE);
  template.payload = JSON.stringify(payload);
  showSidebarOutput(template.evaluate().setTitle(SIDEBAR_TITLE));
}

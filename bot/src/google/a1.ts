/** Spreadsheet ids and A1 ranges, without loading the Google client library. */

/** A spreadsheet id from an id or any docs.google.com URL. */
export function spreadsheetIdOf(location: string): string {
  return /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(location)?.[1] ?? location.trim();
}

/** A tab title as an A1 range prefix: quoted, with quotes doubled. */
export function quoteTab(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

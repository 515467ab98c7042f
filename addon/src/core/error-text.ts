/** The message of anything thrown. Service errors may come from another realm, so instanceof Error is not relied on. */
export function errorText(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/**
 * Platform errors in plain words, each saying what to do next. The patterns are the texts Apps
 * Script is widely reported to give (its quota page lists the quota ones:
 * https://developers.google.com/apps-script/guides/services/quotas).
 */
const ADVICE: readonly [RegExp, string][] = [
  [/PERMISSION_DENIED|reading from storage/i,
    'Google could not tell which of your Google accounts is using the add-on. This happens when several accounts are ' +
    'signed in to the same browser. Open this spreadsheet in a window signed in to one account only (for example a ' +
    'private or incognito window, or a separate browser profile) and try again.'],
  [/protected cell or object/i,
    'Part of this sheet is protected and your account may not change it. Ask the sheet\'s owner to give you access ' +
    '(Data → Protect sheets and ranges), or work on a copy of the sheet.'],
  [/Exceeded maximum execution time/i,
    'This took longer than Google lets an add-on run (6 minutes). Split the sheet into smaller tabs, or try again: ' +
    'marks already written are kept.'],
  [/too many scripts running simultaneously/i,
    'Several Data Commons actions are running at once for your account. Wait a minute, then try again.'],
  [/Service invoked too many times|Limit exceeded|too much computer time/i,
    'Google\'s daily limit for add-ons was reached for your account. Try again tomorrow, or ask another member to run it.'],
  [/authori[sz]ation is required|You do not have permission/i,
    'The add-on needs your permission first. Open Extensions → Data Commons and choose any item: Google will ask you to allow it.'],
];

export function adviceFor(error: unknown): string {
  const text = errorText(error);
  for (const [pattern, advice] of ADVICE) if (pattern.test(text)) return advice;
  return `Data Commons could not finish (${text.replace(/^Exception:\s*/, '')}). Try again; if it happens again, reload ` +
    'the spreadsheet and retry, and send this message to whoever looks after the add-on.';
}

/**
 * Google API failures as messages that say what to do. Drive answers 404 both for a file that does
 * not exist and for one the caller may not see (https://developers.google.com/workspace/drive/api/guides/handle-errors:
 * "fileNotFound ... The user does not have read access to a file, or the file does not exist"), so
 * the message names both and, when known, the service account to share with.
 */
import { errorStatus } from '../io/retry';

const apiMessage = (error: unknown): string => {
  const shape = error as { response?: { data?: { error?: { message?: unknown } } }; message?: unknown };
  const message = shape?.response?.data?.error?.message ?? shape?.message;
  return typeof message === 'string' ? message : String(error);
};

const shareWith = (email: string | undefined): string => email
  ? `open it in Google Sheets, choose Share, and add ${email} as a Viewer`
  : 'open it in Google Sheets, choose Share, and add the service account\'s address (client_email in its key file) as a Viewer';

/** A message for a failed call on a member sheet or the workbook, or undefined to keep the original. */
export function explainGoogleError(error: unknown, what: string, serviceAccount: string | undefined, access: 'Viewer' | 'Editor' = 'Viewer'): string | undefined {
  const status = errorStatus(error);
  const share = shareWith(serviceAccount).replace('as a Viewer', `as ${access === 'Viewer' ? 'a Viewer' : 'an Editor'}`);
  if (status === 404) return `${what} was not found, or is not shared with the service account: ${share}. Check the id or URL too.`;
  if (status === 403) {
    const message = apiMessage(error);
    if (/API key|has not been used|is disabled|SERVICE_DISABLED|invalid authentication|credentials/i.test(message)) {
      return `Google refused the credentials for ${what} (${message}): check the key, and that the Google Sheets API and Google Drive API are enabled in its project.`;
    }
    return `${what} is not shared with the service account (${message}): ${share}.`;
  }
  if (status === 401) return `Google refused the credentials for ${what} (${apiMessage(error)}): check GOOGLE_APPLICATION_CREDENTIALS or GOOGLE_SERVICE_ACCOUNT_JSON.`;
  if (status === 400 && /not supported for this document/i.test(apiMessage(error))) {
    return `${what} is not a Google spreadsheet (an uploaded Excel or CSV file?): open it and choose File → Save as Google Sheets, then use the new sheet's URL.`;
  }
  return undefined;
}

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export function notASpreadsheet(what: string, mimeType: string): string {
  return `${what} is a ${mimeType} file, not a Google spreadsheet: open it and choose File → Save as Google Sheets, then use the new sheet's URL.`;
}

/** Wraps an error with a clearer message, keeping status and cause for retries and reports. */
export function withMessage(error: unknown, message: string | undefined): unknown {
  if (!message) return error;
  const status = errorStatus(error);
  return Object.assign(new Error(message, { cause: error }), status !== undefined ? { status } : {});
}

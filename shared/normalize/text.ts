/** Whitespace, Unicode and private-text handling shared by every text field. */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2028\u2029\ufeff]/g;

/**
 * NFC, no control or zero-width characters, no runs of spaces. Newlines survive only when
 * `multiline` (descriptions), since a newline inside a name or phone is always a paste accident.
 */
export function cleanText(value: string, multiline = false): string {
  let text = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (multiline) {
    text = text.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n');
  } else {
    text = text.replace(/[\s\u00a0]+/g, ' ');
  }
  return text.trim();
}

const PRIVATE_TEXT = /\(\([\s\S]*?\)\)/g;

/** Text wrapped in double parentheses is the member's private aside and never leaves the sheet. */
export function stripPrivateText(value: string): string {
  if (!value.includes('((')) return value;
  return value.replace(PRIVATE_TEXT, '').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Values people type to mean "nothing here". */
const BLANK_WORDS = new Set(['n/a', 'na', 'none', 'null', 'nil', '-', '--', '—', '?', 'tbd', 'unknown', 'x', '.', '#n/a']);

export function isBlankWord(value: string): boolean {
  return BLANK_WORDS.has(value.trim().toLowerCase());
}

/** Spreadsheet error values such as #REF! that leak into exports. */
export function isSheetError(value: string): boolean {
  return /^#(REF!|VALUE!|NAME\?|DIV\/0!|N\/A|NUM!|NULL!|ERROR!)$/i.test(value.trim());
}

/** True when the text has no letter or digit in any script. */
export function hasNoWordCharacter(value: string): boolean {
  return !/[\p{L}\p{N}]/u.test(value);
}

/** Splits a `;`-separated multi-value cell; commas split too when no semicolon is present and asked for. */
export function splitList(value: string, alsoComma = false): string[] {
  const separator = value.includes(';') || !alsoComma ? /;/ : /[,;]/;
  return value.split(separator).map((part) => part.trim()).filter((part) => part.length > 0);
}

export function joinList(values: readonly string[]): string {
  return values.join('; ');
}

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

/**
 * Splits a value into its public text and whether a `((` was left open. Asides nest
 * (`((a ((b)) c))` is one aside), and an unclosed `((` makes the rest of the cell private: the
 * member meant to hide something, and guessing where it ends could publish it.
 */
function scanPrivateText(value: string): { kept: string; unclosed: boolean } {
  let kept = '';
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    const pair = value.slice(i, i + 2);
    if (pair === '((') {
      depth += 1;
      i += 1;
    } else if (pair === '))' && depth > 0) {
      depth -= 1;
      i += 1;
    } else if (depth === 0) {
      kept += value[i];
    }
  }
  return { kept, unclosed: depth > 0 };
}

/** Text wrapped in double parentheses is the member's private aside and never leaves the sheet. */
export function stripPrivateText(value: string): string {
  if (!value.includes('((')) return value;
  return scanPrivateText(value).kept.replace(/[ \t]{2,}/g, ' ').trim();
}

/** True when a `((` is never closed (the rest of the value is then treated as private). */
export function hasUnclosedPrivateText(value: string): boolean {
  return value.includes('((') && scanPrivateText(value).unclosed;
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

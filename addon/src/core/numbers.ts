/** Counts as a person reads them: "5,000 rows", "1 row". Apps Script's V8 has Intl, so toLocaleString formats. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function plural(value: number, noun: string, nouns = `${noun}s`): string {
  return `${count(value)} ${value === 1 ? noun : nouns}`;
}

/**
 * A match probability as a percentage a person can trust: rounding must never show "100%
 * likely" for two rows that are not identical, nor "0%" for a pair that was flagged.
 */
export function likelyPercent(probability: number, identical: boolean): number {
  if (identical) return 100;
  return Math.max(1, Math.min(99, Math.round(probability * 100)));
}

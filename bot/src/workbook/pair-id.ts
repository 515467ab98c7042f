/** The Review tab's key for a pair of Record ids: the same whichever order the pair is seen in. */
export function reviewPairId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

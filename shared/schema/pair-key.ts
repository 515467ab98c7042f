/**
 * The one key for a pair of Record ids, the same whichever order the pair is seen in. It is the
 * Review tab's `pair_id`, so it is written to workbooks and must not change form: record ids are
 * `source:row` (or `source:id`), which never hold a `|`.
 */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

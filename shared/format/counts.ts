/**
 * Counts as a person reads them ("5,000 rows", "1 row"), the same in the add-on, the CLI, Slack
 * and the map. One formatter: Number#toLocaleString builds a new one per call, about 100× slower,
 * and a map render formats hundreds of counts. Intl exists in browsers, Node and Apps Script's V8.
 */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => COUNT_FORMAT.format(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

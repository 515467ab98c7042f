/** Data text → columns: the one step the worker runs, and the page itself when no worker can start. */
import { columnsOf, decodeMapData, isMapData, type ColumnarData } from './columns';
import { parseCsvText, parseGeoJson, parseText } from './parse';

export function decodeData(text: string, url: string): ColumnarData {
  const value = parseText(text);
  if (typeof value === 'string') return columnsOf(parseCsvText(value));
  return isMapData(value) ? decodeMapData(value, url) : columnsOf(parseGeoJson(value));
}

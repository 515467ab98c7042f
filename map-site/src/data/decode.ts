/** Data text → columns: the one step the worker runs, and the page itself when no worker can start. */
import { columnsOf, decodeMapData, isMapData, type ColumnarData } from './columns';
import { parseCsvText, parseGeoJson, parseText } from './parse';

export function decodeData(text: string, url: string): ColumnarData {
  const value = parseText(text);
  if (typeof value === 'string') return columnsOf(parseCsvText(value));
  return isMapData(value) ? decodeMapData(value, url) : columnsOf(parseGeoJson(value));
}

/** The buffers a worker can hand over rather than copy. */
export function transferablesOf(data: { lat?: Float64Array; lng?: Float64Array; columns: readonly unknown[] }): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  if (data.lat) buffers.push(data.lat.buffer as ArrayBuffer);
  if (data.lng) buffers.push(data.lng.buffer as ArrayBuffer);
  for (const column of data.columns) {
    if (column && typeof column === 'object' && 'codes' in column) buffers.push((column as { codes: Int32Array }).codes.buffer as ArrayBuffer);
  }
  return buffers;
}

/**
 * Columns as they cross from the loading worker to the page. Structured cloning copies every
 * string one by one — 100k names and ids took the page ~0.1–0.17 s to receive at 50k listings —
 * so each string column travels as one joined string plus its end offsets (a transferred
 * Uint32Array), and the page cuts it back into strings in a few milliseconds.
 */
import type { Column, ColumnarData, Columns } from './columns';

/** A string column joined: value i is text.slice(ends[i - 1] ?? 0, ends[i]). */
export interface PackedStrings {
  readonly text: string;
  readonly ends: Uint32Array;
}

export type WireColumn = PackedStrings | { readonly dict: string[]; readonly codes: Int32Array };

export interface WireColumns {
  readonly keys: string[];
  readonly columns: WireColumn[];
}

export type WireData = Omit<ColumnarData, 'columns'> & WireColumns;

function pack(values: readonly string[]): PackedStrings {
  const ends = new Uint32Array(values.length);
  let end = 0;
  for (let i = 0; i < values.length; i++) {
    end += (values[i] as string).length;
    ends[i] = end;
  }
  return { text: values.join(''), ends };
}

function unpack(column: WireColumn, count: number): Column {
  if (!('text' in column)) return column;
  const { text, ends } = column;
  // A reply that does not add up (it never should) yields blanks rather than misplaced values.
  if (ends.length !== count || (count > 0 && ends[count - 1] !== text.length)) return new Array<string>(count).fill('');
  const values = new Array<string>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = ends[i] as number;
    values[i] = end > start ? text.slice(start, end) : '';
    start = end;
  }
  return values;
}

export function packColumns<T extends Columns>(data: T): Omit<T, 'columns'> & WireColumns {
  return { ...data, columns: data.columns.map((column) => (Array.isArray(column) ? pack(column) : column)) };
}

export function unpackColumns<T extends WireColumns>(data: T, count: number): Omit<T, 'columns'> & Columns {
  return { ...data, columns: data.columns.map((column) => unpack(column, count)) };
}

/** The buffers a worker can hand over rather than copy. */
export function transferablesOf(data: { lat?: Float64Array; lng?: Float64Array; columns: readonly WireColumn[] }): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  if (data.lat) buffers.push(data.lat.buffer as ArrayBuffer);
  if (data.lng) buffers.push(data.lng.buffer as ArrayBuffer);
  for (const column of data.columns) buffers.push(('text' in column ? column.ends : column.codes).buffer as ArrayBuffer);
  return buffers;
}

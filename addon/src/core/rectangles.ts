/**
 * Which rectangles to write so that every changed cell is covered and no cell the member may not
 * edit is touched. Apps Script writes one rectangle per call, and one protected cell inside it
 * makes the whole call fail, so the cover is cut around protected areas. The number of
 * rectangles depends on the columns and the protections, never on the number of rows.
 */

export interface Box {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

export interface Cell {
  readonly row: number;
  readonly column: number;
}

export function contains(box: Box, row: number, column: number): boolean {
  return row >= box.row && row < box.row + box.numRows && column >= box.column && column < box.column + box.numColumns;
}

export function isBlocked(blocked: readonly Box[], row: number, column: number): boolean {
  return blocked.some((box) => contains(box, row, column));
}

export function boundingBox(cells: readonly Cell[]): Box | undefined {
  if (cells.length === 0) return undefined;
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const cell of cells) {
    top = Math.min(top, cell.row);
    left = Math.min(left, cell.column);
    bottom = Math.max(bottom, cell.row);
    right = Math.max(right, cell.column);
  }
  return { row: top, column: left, numRows: bottom - top + 1, numColumns: right - left + 1 };
}

const overlaps = (a: Box, b: Box): boolean => a.row < b.row + b.numRows && b.row < a.row + a.numRows
  && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;

/** Rectangles covering `cells` (all editable) and no blocked cell. */
export function coverAvoiding(cells: readonly Cell[], blocked: readonly Box[]): Box[] {
  const box = boundingBox(cells);
  if (!box) return [];
  const inside = blocked.filter((area) => overlaps(area, box));
  if (inside.length === 0) return [box];
  // Per column: runs from one changed cell to the next, cut wherever a blocked cell lies between.
  const byColumn = new Map<number, number[]>();
  for (const cell of cells) {
    const rows = byColumn.get(cell.column) ?? [];
    rows.push(cell.row);
    byColumn.set(cell.column, rows);
  }
  const segments = new Map<number, [number, number][]>();
  for (const [column, rows] of byColumn) {
    rows.sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const row of rows) {
      const last = runs[runs.length - 1];
      const gapBlocked = last !== undefined && inside.some((area) => column >= area.column && column < area.column + area.numColumns
        && area.row <= row && area.row + area.numRows - 1 > last[1]);
      if (last && !gapBlocked) last[1] = row;
      else runs.push([row, row]);
    }
    segments.set(column, runs);
  }
  // Neighbouring columns with the same runs share rectangles, as long as nothing between is blocked.
  const result: Box[] = [];
  const columns = [...segments.keys()].sort((a, b) => a - b);
  let open: { column: number; key: string; runs: [number, number][] } | undefined;
  let width = 0;
  const flush = (): void => {
    if (!open) return;
    for (const [top, bottom] of open.runs) result.push({ row: top, column: open.column, numRows: bottom - top + 1, numColumns: width });
  };
  for (const column of columns) {
    const runs = segments.get(column) ?? [];
    const key = runs.map((run) => run.join('-')).join(',');
    const adjacent = open !== undefined && open.column + width === column && open.key === key;
    if (adjacent) width++;
    else {
      flush();
      open = { column, key, runs };
      width = 1;
    }
  }
  flush();
  return result;
}

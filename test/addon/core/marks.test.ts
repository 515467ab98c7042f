import { MARK_COLOURS, planMarks } from '../../../addon/src/core/marks';
import type { Block } from '../../../addon/src/sheet/sheet-like';

const block = (backgrounds: string[][], notes: string[][], firstRow = 1): Block => ({
  firstRow, values: backgrounds.map((row) => row.map(() => 'x')), backgrounds, notes,
});

describe('planMarks', () => {
  it('colours a marked cell by its most serious mark', () => {
    const plan = planMarks(block([['#ffffff', '#ffffff']], [['', '']]), [
      { row: 1, column: 2, kind: 'warning', text: 'w' }, { row: 1, column: 2, kind: 'error', text: 'e' },
    ], ['error', 'warning']);
    expect(plan.backgrounds[0]).toEqual([null, MARK_COLOURS.error]);
    expect(plan.changed).toBe(true);
  });

  it('writes back untouched cells exactly, and reports no change when nothing changes', () => {
    const plan = planMarks(block([['#abcdef', '#ffffff']], [['mine', '']]), [], ['error']);
    expect(plan.backgrounds[0]).toEqual(['#abcdef', null]);
    expect(plan.notes[0]).toEqual(['mine', null]);
    expect(plan.changed).toBe(false);
  });

  it('replaces only the kinds asked for', () => {
    const first = planMarks(block([['#ffffff']], [['']]), [{ row: 1, column: 1, kind: 'duplicate', text: 'd' }], ['duplicate']);
    const marked = block([[first.backgrounds[0]?.[0] ?? '']], [[first.notes[0]?.[0] ?? '']]);
    const second = planMarks(marked, [{ row: 1, column: 1, kind: 'error', text: 'e' }], ['error', 'warning']);
    expect(second.notes[0]?.[0]).toContain('⧉ d');
    expect(second.notes[0]?.[0]).toContain('✖ e');
  });

  it('gives back a colour the member set after marking rather than the one before', () => {
    const first = planMarks(block([['#00ff00']], [['']]), [{ row: 1, column: 1, kind: 'error', text: 'e' }], ['error']);
    const recoloured = block([['#0000ff']], [[first.notes[0]?.[0] ?? '']]);
    const cleared = planMarks(recoloured, [], ['error']);
    expect(cleared.backgrounds[0]?.[0]).toBe('#0000ff');
  });

  it('places marks relative to the block\'s first row', () => {
    const plan = planMarks(block([['#ffffff'], ['#ffffff']], [[''], ['']], 10), [{ row: 11, column: 1, kind: 'warning', text: 'w' }], ['warning']);
    expect(plan.backgrounds.map((row) => row[0])).toEqual([null, MARK_COLOURS.warning]);
  });
});

import { composeNote, NOTE_HEADING, parseNote } from '../../../addon/src/core/note-text';

describe('cell notes', () => {
  it('keep the member note above our section, byte for byte', () => {
    const member = '  Call Maria\n\nafter 5pm  ';
    const note = composeNote({ member, lines: [{ kind: 'error', text: 'No name.' }], colourBefore: '#00ff00' });
    expect(note).toBe(`${member}\n\n${NOTE_HEADING}\n✖ No name.\n(Cell colour before marking: #00ff00)`);
    expect(parseNote(note)).toEqual({ member, lines: [{ kind: 'error', text: 'No name.' }], colourBefore: '#00ff00' });
  });

  it('read a note without our section as the member\'s own', () => {
    expect(parseNote('just mine')).toEqual({ member: 'just mine', lines: [] });
  });

  it('become exactly the member note again when no marks are left', () => {
    expect(composeNote({ member: 'mine', lines: [] })).toBe('mine');
    expect(composeNote({ member: '', lines: [] })).toBe('');
  });

  it('keep each mark on one line so it can be read back', () => {
    const note = composeNote({ member: '', lines: [{ kind: 'warning', text: 'two\nlines' }, { kind: 'duplicate', text: 'dup' }] });
    expect(parseNote(note).lines).toEqual([{ kind: 'warning', text: 'two lines' }, { kind: 'duplicate', text: 'dup' }]);
  });
});

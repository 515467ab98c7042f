import fc from 'fast-check';
import { splitByBytes, utf8Length } from '../../../addon/src/core/shards';

describe('splitByBytes', () => {
  it('keeps every piece within the limit and loses nothing, whatever the characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 4, max: 64 }), (text, max) => {
      const pieces = splitByBytes(text, max);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(max);
    }));
  });

  it('counts bytes as UTF-8 does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }));
  });
});

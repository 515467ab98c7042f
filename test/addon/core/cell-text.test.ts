import { a1, literal } from '../../../addon/src/core/cell-text';

describe('literal', () => {
  it.each(['02134', '+1 312 555 0100', '=SUM(A1)', '-5', 'TRUE', '1998', '60615-1234'])('keeps %s from being parsed', (text) => {
    expect(literal(text)).toBe(`'${text}`);
  });
  it.each(['WI', 'consumer cooperative', 'https://redsun.coop'])('leaves %s as it is', (text) => {
    expect(literal(text)).toBe(text);
  });
});

test('a1 names cells the way the sheet does', () => {
  expect([a1(1, 1), a1(12, 3), a1(5, 27)]).toEqual(['A1', 'C12', 'AA5']);
});

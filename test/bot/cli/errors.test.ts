import { reportError } from '../../../bot/src/cli/errors';

describe('reportError', () => {
  it('reports a file-system error (EACCES…) as one plain line naming the file', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const error = Object.assign(new Error("EACCES: permission denied, open '/srv/dcc/sources.csv'"), { code: 'EACCES', path: '/srv/dcc/sources.csv', errno: -13 });
      expect(reportError(error)).toBe(1);
      reportError(Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: 'EISDIR', path: '/srv/dcc/out' }));
    } finally {
      write.mockRestore();
    }
    expect(written).toEqual([
      'dcc: /srv/dcc/sources.csv: permission denied (the bot\'s user cannot read it)\n',
      'dcc: /srv/dcc/out is a folder, not a file\n',
    ]);
  });
});

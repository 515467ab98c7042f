import { CliError, reportError } from '../../../bot/src/cli/errors';
import { DccError, EXIT_CODES, exitCodeOf } from '../../../bot/src/errors';
import { LockedError } from '../../../bot/src/io/lock';
import { SlackConfigError } from '../../../bot/src/slack/errors';

describe('CLI exit codes come from the error code table', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('gives each code its own exit code, and 1 to anything without one of ours', () => {
    expect(reportError(new CliError('bad flag'))).toBe(2);
    expect(reportError(new DccError('no room', 'dcc_workbook_limit'))).toBe(EXIT_CODES.dcc_workbook_limit);
    expect(reportError(new LockedError('/tmp/out'))).toBe(4);
    expect(reportError(new SlackConfigError('no token'))).toBe(2);
    expect(reportError(new Error('a bug'))).toBe(1);
    // A system error code (EACCES) is not one of ours, whatever its spelling.
    expect(exitCodeOf(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe(1);
    expect(exitCodeOf(Object.assign(new Error('sneaky'), { code: 'constructor' }))).toBe(1);
  });

  it('prints one plain line, never a stack trace', () => {
    reportError(new DccError('the Master tab needs 12 rows\nat somewhere', 'dcc_workbook_limit'));
    expect(stderr.mock.calls.map((call) => String(call[0]))).toEqual(['dcc: the Master tab needs 12 rows\n']);
  });
});

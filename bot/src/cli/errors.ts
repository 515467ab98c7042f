/**
 * Errors the CLI reports as one plain line and an exit code chosen by the error's code
 * (bot/src/errors.ts), never a stack trace (set DEBUG=dcc to see one).
 */
import { DccError, exitCodeOf, type ErrorCode } from '../errors';
import { describeFsError } from '../io/fs-errors';

/** A command-line problem: by default a usage error (exit 2). */
export class CliError extends DccError {
  constructor(message: string, code: ErrorCode = 'dcc_usage') {
    super(message, code);
    this.name = 'CliError';
  }
}

export function reportError(error: unknown): number {
  const errno = error as NodeJS.ErrnoException | undefined;
  // A file-system error (EACCES, EISDIR…) says what happened to which file, in words.
  const message = error instanceof Error && typeof errno?.code === 'string' && typeof errno.path === 'string'
    ? describeFsError(error, errno.path)
    : error instanceof Error ? error.message : String(error);
  process.stderr.write(`dcc: ${message.split('\n')[0]}\n`);
  if (process.env.DEBUG?.includes('dcc') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return exitCodeOf(error);
}

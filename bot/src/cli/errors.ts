/**
 * Errors the CLI reports as one plain line and an exit code, never a stack trace
 * (set DEBUG=dcc to see one). Exit 2 means the input could not be used at all.
 */
import { describeFsError } from '../io/fs-errors';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2, readonly code = 'dcc_usage') {
    super(message);
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
  return error instanceof CliError ? error.exitCode : 1;
}

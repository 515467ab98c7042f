/**
 * Errors the CLI reports as one plain line and an exit code, never a stack trace
 * (set DEBUG=dcc to see one). Exit 2 means the input could not be used at all.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2, readonly code = 'dcc_usage') {
    super(message);
    this.name = 'CliError';
  }
}

export function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dcc: ${message.split('\n')[0]}\n`);
  if (process.env.DEBUG?.includes('dcc') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return error instanceof CliError ? error.exitCode : 1;
}

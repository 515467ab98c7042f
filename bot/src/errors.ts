/**
 * The bot's error codes, and the exit code each one gives the CLI. A failure the operator can act
 * on is thrown as a `DccError` with its code; the CLI prints its message as one line and exits
 * with the code's number (README "Exit codes"), so scripts and schedulers can tell them apart.
 */
export const EXIT_CODES = {
  /** A command line that cannot be run as written (a bad flag value, a missing argument). */
  dcc_usage: 2,
  /** An input that cannot be used at all: a missing, unreadable, empty or binary file. */
  dcc_input: 2,
  /** The registry is missing, unreadable, binary or lists no source. */
  dcc_registry: 2,
  /** A setting the command needs is missing (credentials, a Slack token). */
  dcc_config: 2,
  dcc_slack_not_configured: 2,
  /** The workbook cannot take the write: the 10M-cell limit, or a cell past 50,000 characters. */
  dcc_workbook_limit: 2,
  /** A write's reply was lost and the workbook could not be read to see what took effect. */
  dcc_workbook_unknown_state: 1,
  /** Something outside the bot refused or failed (an index, Slack). */
  dcc_remote: 1,
  /** Another run holds the lock on the output folder. */
  dcc_locked: 4,
  /**
   * One source's location or settings cannot be used (a CiviCRM location that is not https, a
   * Murmurations query the index does not understand). In a run, that source fails and the others go on.
   */
  dcc_source: 3,
  /** The project itself is broken (a missing built file, a stage breaking its contract): a bug to report. */
  dcc_internal: 1,
} as const;

export type ErrorCode = keyof typeof EXIT_CODES;

export class DccError extends Error {
  constructor(message: string, readonly code: ErrorCode) {
    super(message);
    this.name = 'DccError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** The exit code for any error: by its code when it has one of ours, else 1 (a bug or an unforeseen failure). */
export function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && Object.hasOwn(EXIT_CODES, code) ? EXIT_CODES[code as ErrorCode] : 1;
}

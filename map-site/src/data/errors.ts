export type DataErrorCode = 'unreachable' | 'http' | 'empty' | 'format';

/** A failure the page shows as it is: messages are written for visitors. */
export class DataError extends Error {
  constructor(readonly code: DataErrorCode, message: string) {
    super(message);
    this.name = 'DataError';
  }
}

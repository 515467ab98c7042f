/** How much one source may weigh. A registry editor can point a source at anything; memory stays bounded. */
export const DEFAULT_MAX_SOURCE_BYTES = 100 * 1024 * 1024;

/** A source larger than the limit. Never retried. */
export class SourceTooLargeError extends Error {
  constructor(what: string, limit: number) {
    super(`${what} is larger than the ${formatBytes(limit)} limit for one source (raise it with DCC_MAX_SOURCE_MB)`);
    this.name = 'SourceTooLargeError';
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1048576) * 10) / 10} MB` : `${bytes} bytes`;
}

/** `DCC_MAX_SOURCE_MB` (megabytes, may be fractional), else the default. */
export function maxSourceBytes(env: { readonly [name: string]: string | undefined }): number {
  const value = Number(env.DCC_MAX_SOURCE_MB);
  return env.DCC_MAX_SOURCE_MB && Number.isFinite(value) && value > 0 ? Math.floor(value * 1024 * 1024) : DEFAULT_MAX_SOURCE_BYTES;
}

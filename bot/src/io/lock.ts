/**
 * One aggregation at a time per output folder. The lock is a directory created atomically
 * (proper-lockfile), refreshed while the run lives and considered abandoned two minutes after a
 * killed run stopped refreshing it, so a crash never blocks the next scheduled run for long.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class LockedError extends Error {
  readonly code = 'dcc_locked';

  constructor(readonly dir: string) {
    super(`another aggregation is running on ${dir}; nothing was done (try again later, or pass --wait SECONDS)`);
    this.name = 'LockedError';
  }
}

/** Takes the lock on `dir`, waiting up to `waitMs`; returns the release function. */
export async function acquireRunLock(dir: string, waitMs = 0): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const options = {
    lockfilePath: join(dir, '.aggregate.lock'),
    // Dedup of 100k records blocks the event loop for a while; the refresh must survive that.
    stale: 120_000,
    update: 15_000,
    realpath: false,
    // The default throws from a timer, which would kill the run half-way; finishing is safer.
    onCompromised: (error: Error) => process.stderr.write(`dcc: warning: the run lock was lost (${error.message})\n`),
  };
  // First a synchronous attempt: two runs started together settle it in the order they asked. The
  // asynchronous path, on finding the lock, checks its age later and takes it if it is gone by
  // then, so a run meant to be turned away could slip in right after the other one finished.
  try {
    const release = lockfile.lockSync(dir, options);
    return () => Promise.resolve(release());
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ELOCKED') throw error;
    if (waitMs <= 0) throw new LockedError(dir);
  }
  try {
    return await lockfile.lock(dir, { ...options, retries: { retries: Math.ceil(waitMs / 1000), minTimeout: 1000, maxTimeout: 1000, factor: 1 } });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ELOCKED') throw new LockedError(dir);
    throw error;
  }
}

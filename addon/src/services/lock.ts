/**
 * Read-modify-write of document properties (decisions, settings) and batch fixes run under the
 * document lock, so two editors pressing buttons at once cannot lose each other's work.
 */
import { flushSheet } from '../sheet/apps-script-sheet';

export function withDocumentLock<T>(run: () => T, busy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(10_000)) return busy();
  try {
    return run();
  } finally {
    flushSheet();
    lock.releaseLock();
  }
}

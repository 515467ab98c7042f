/**
 * Counts calls into the fake Apps Script services. Every method of every fake service object is
 * one call, the way each is one round trip (or at least one trip through the Apps Script bridge)
 * in the real thing.
 */
export type ServiceName = 'spreadsheet' | 'properties' | 'cache' | 'urlfetch' | 'html' | 'ui' | 'lock' | 'session' | 'utilities';

/** Calls that reach the document, its stores or the network: the figure the ≤ 10 goal is about. */
export const DATA_SERVICES: readonly ServiceName[] = ['spreadsheet', 'properties', 'cache', 'urlfetch'];

export class CallLog {
  readonly counts = new Map<ServiceName, number>();
  readonly log: string[] = [];
  /** Things that happen right after a given call returns: a collaborator editing mid-run. */
  private readonly hooks: { call: string; left: number; run: () => void }[] = [];

  /** Runs `run` once, right after the `nth` call of `call` (e.g. "spreadsheet.getValues") returns. */
  after(call: string, run: () => void, nth = 1): void {
    this.hooks.push({ call, left: nth, run });
  }

  private readonly failures = new Map<string, string>();

  /** The next `call` (e.g. "properties.getProperty") throws `message`, as a platform failure would. */
  failNext(call: string, message: string): void {
    this.failures.set(call, message);
  }

  /** Throws if a failure was planted for this call. */
  failing(service: ServiceName, method: string): void {
    const call = `${service}.${method}`;
    const message = this.failures.get(call);
    if (message === undefined) return;
    this.failures.delete(call);
    throw new Error(message);
  }

  returned(service: ServiceName, method: string): void {
    const call = `${service}.${method}`;
    for (const hook of [...this.hooks]) {
      if (hook.call !== call || --hook.left > 0) continue;
      this.hooks.splice(this.hooks.indexOf(hook), 1);
      hook.run();
    }
  }

  record(service: ServiceName, method: string): void {
    this.counts.set(service, (this.counts.get(service) ?? 0) + 1);
    this.log.push(`${service}.${method}`);
  }

  count(service: ServiceName): number {
    return this.counts.get(service) ?? 0;
  }

  data(): number {
    return DATA_SERVICES.reduce((sum, service) => sum + this.count(service), 0);
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  reset(): void {
    this.counts.clear();
    this.log.length = 0;
  }
}

/** Wraps an object so each method call is recorded (and may be refused, for AuthMode rules). */
export function counted<T extends object>(target: T, service: ServiceName, calls: CallLog, guard?: (method: string) => void): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        guard?.(property);
        calls.record(service, property);
        calls.failing(service, property);
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        calls.returned(service, property);
        return result;
      };
    },
  });
}

import type { SheetLike } from '../sheet/sheet-like';
import type { CacheStore, PropertyStore } from '../services/stores';

export interface FetchResult {
  readonly status: number;
  readonly text: string;
}

/** Everything a handler may touch. Apps Script builds it from the services; tests from fakes. */
export interface AddonContext {
  readonly sheet: SheetLike;
  readonly props: PropertyStore;
  readonly cache?: CacheStore;
  readonly fetch?: (url: string) => FetchResult;
  /** Who is deciding, for Decisions ("by"): an opaque per-user key, since the email needs an extra scope. */
  readonly user?: string;
  readonly now?: () => Date;
}

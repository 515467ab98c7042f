/**
 * Addresses, contacts and descriptions may be published apart from the listings (the map
 * format): they are fetched on first need, by a popup, a search or a download.
 */
export class LazyDetails {
  readonly #fetch: () => Promise<void>;
  readonly #onArrival: () => void;
  #ready = false;

  /** `onArrival` runs once, when the details are first in. */
  constructor(fetch: () => Promise<void>, onArrival: () => void) {
    this.#fetch = fetch;
    this.#onArrival = onArrival;
  }

  get ready(): boolean {
    return this.#ready;
  }

  load(): Promise<void> {
    return this.#fetch().then(() => {
      if (this.#ready) return;
      this.#ready = true;
      this.#onArrival();
    });
  }
}

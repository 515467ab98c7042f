/** An in-memory PropertyStore, for tests and benchmarks of the add-on's core without the vm. */
import type { PropertyStore } from '../../../addon/src/services/stores';

export class MemoryProperties implements PropertyStore {
  constructor(private readonly values: { [key: string]: string } = {}) {}
  get(key: string): string | undefined {
    return this.values[key];
  }
  getAll(): { readonly [key: string]: string } {
    return this.values;
  }
  setMany(values: { readonly [key: string]: string }): void {
    Object.assign(this.values, values);
  }
  delete(key: string): void {
    delete this.values[key];
  }
}

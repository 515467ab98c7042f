import type { RegistryEntry } from '../../../bot/src/registry/registry';

export function entry(overrides: Partial<RegistryEntry> & Pick<RegistryEntry, 'key' | 'kind' | 'location'>): RegistryEntry {
  return {
    name: overrides.key, owner: '', contact: '', agreement: 'signed', agreementDate: '', license: '', attribution: '',
    active: true, row: 2, country: 'US', ...overrides,
  };
}

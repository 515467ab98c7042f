/**
 * The tabs the member set up or checked. Live checking runs only there: a budget tab whose
 * header happens to say "Name" and "City" is not a directory until the member says so.
 * Kept in one small document property, so the onEdit trigger reads just it and the settings.
 */
import type { PropertyStore } from '../services/stores';

export const TABS_KEY = 'dcc.tabs';

export function registeredTabs(store: PropertyStore): number[] {
  try {
    const parsed = JSON.parse(store.get(TABS_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

export function isRegistered(store: PropertyStore, tab: number): boolean {
  return registeredTabs(store).includes(tab);
}

/** Adds the tab; writes only when it is new. Old ids of deleted tabs are dropped past 200. */
export function registerTab(store: PropertyStore, tab: number): void {
  const tabs = registeredTabs(store);
  if (tabs.includes(tab)) return;
  store.setMany({ [TABS_KEY]: JSON.stringify([...tabs, tab].slice(-200)) });
}

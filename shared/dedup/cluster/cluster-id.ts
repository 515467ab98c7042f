import { hash53 } from '../block/hash';

/**
 * A cluster's id comes from its smallest member id, so it is the same on every run and stays
 * put when records join the cluster later, unless a record with a smaller id joins.
 */
export function clusterId(smallestMemberId: string): string {
  return `c${hash53(smallestMemberId, 0x5eed).toString(36).padStart(11, '0')}`;
}

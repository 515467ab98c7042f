/**
 * What a decision button carries: the two Record ids. Slack sends it back on a click, so the
 * listener knows the pair without keeping state; it is checked against the Review tab before use.
 */
import { z } from 'zod';
import type { ReviewItem } from '../../workbook';
import { LIMITS } from './limits';

const PairValue = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();
const PairRef = z.object({ pair: z.string().min(1) }).strict();

export type ButtonPair = { readonly a: string; readonly b: string } | { readonly pair: string };

/** The ids themselves when they fit in a button value, else only the pair id (resolved via Review). */
export function pairValue(item: Pick<ReviewItem, 'pair_id' | 'a' | 'b'>): string {
  const full = JSON.stringify({ a: item.a.id, b: item.b.id });
  if (full.length <= LIMITS.buttonValue) return full;
  const ref = JSON.stringify({ pair: item.pair_id });
  // A pair id this long cannot be carried at all; the listener then answers "no longer in Review".
  return ref.length <= LIMITS.buttonValue ? ref : JSON.stringify({ pair: '' }).replace('""', '"?"');
}

export function parsePairValue(value: string | undefined): ButtonPair | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const full = PairValue.safeParse(json);
  if (full.success) return full.data;
  const ref = PairRef.safeParse(json);
  return ref.success ? ref.data : undefined;
}

/** Checks on built messages: Block Kit limits, and that no sheet text became live markup. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReviewItem } from '../../../../bot/src/workbook';

export const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(join(__dirname, '../../../fixtures/slack', name), 'utf8')) as T;

export const reviewItems = (): ReviewItem[] => fixture<ReviewItem[]>('review-items.json');
export const hostileItem = (): ReviewItem => fixture<ReviewItem>('review-hostile.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every `text` string anywhere in the blocks. */
export function textsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as { [key: string]: Json }).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : textsIn(inner));
}

/**
 * The `<…>` sequences Slack would act on. Each must be one of the links the bot chose to make;
 * any other (a mention, a channel, a disguised link) means sheet text escaped unescaped.
 */
export function controlSequences(text: string): string[] {
  return text.match(/<[^>]*>/g) ?? [];
}

export function expectOnlyLinks(text: string, allowedUrls: readonly string[]): void {
  for (const sequence of controlSequences(text)) {
    const match = /^<([^|]+)\|[^<]*>$/.exec(sequence);
    if (!match) throw new Error(`live markup in ${JSON.stringify(text)}: ${sequence}`);
    const url = (match[1] ?? '').replace(/&amp;/g, '&');
    if (!allowedUrls.includes(url)) throw new Error(`unexpected link ${url} in ${JSON.stringify(text)}`);
  }
}

interface AnyBlock { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: unknown[] }

export function expectWithinLimits(blocks: readonly unknown[], text?: string): void {
  if (blocks.length > 50) throw new Error(`${blocks.length} blocks`);
  if (text !== undefined && text.length > 4000) throw new Error(`text of ${text.length} chars`);
  for (const raw of blocks as AnyBlock[]) {
    if (raw.type === 'section') {
      if (raw.text && raw.text.text.length > 3000) throw new Error(`section text of ${raw.text.text.length}`);
      if (raw.fields && raw.fields.length > 10) throw new Error(`${raw.fields.length} fields`);
      for (const field of raw.fields ?? []) if (field.text.length > 2000) throw new Error(`field of ${field.text.length}`);
    }
    if (raw.type === 'actions') {
      for (const element of raw.elements as { text: { text: string }; value?: string; url?: string; action_id: string }[]) {
        if (element.text.text.length > 75) throw new Error(`button text of ${element.text.text.length}`);
        if ((element.value ?? '').length > 2000) throw new Error(`button value of ${element.value?.length}`);
        if ((element.url ?? '').length > 3000) throw new Error(`button url of ${element.url?.length}`);
        if (element.action_id.length > 255) throw new Error('action_id too long');
      }
    }
  }
}

import { digestMessage } from '../../../bot/src/slack/blocks/digest';
import { ACTION_IDS, BLOCK_IDS } from '../../../bot/src/slack/blocks/ids';
import { parsePairValue, pairValue } from '../../../bot/src/slack/blocks/pair-value';
import { reviewAlertMessage } from '../../../bot/src/slack/blocks/review-alert';
import type { ReviewItem } from '../../../bot/src/workbook';
import { expectOnlyLinks, expectWithinLimits, hostileItem, reviewItems, textsIn } from './helpers/blocks';

const [bakery] = reviewItems() as [ReviewItem];
const REVIEW = 'https://docs.google.com/spreadsheets/d/master/edit#gid=3';

interface Element { action_id: string; value?: string; url?: string; text: { text: string } }
const actionsOf = (blocks: readonly unknown[]): Element[] =>
  ((blocks as { block_id?: string; elements?: Element[] }[]).find((b) => b.block_id === BLOCK_IDS.actions)?.elements ?? []);

describe('reviewAlertMessage', () => {
  it('shows both records side by side, attribute by attribute', () => {
    const { blocks } = reviewAlertMessage(bakery, { reviewUrl: REVIEW });
    const records = (blocks as { block_id?: string; fields?: { text: string }[] }[])
      .find((b) => b.block_id === BLOCK_IDS.records);
    const fields = records?.fields?.map((f) => f.text) ?? [];
    expect(fields).toHaveLength(10);
    expect(fields[0]).toBe('*Bread &amp; Roses Bakery Cooperative*');
    expect(fields[1]).toBe('*Bread and Roses Bakery Co-op*');
    expect(fields[2]).toContain('12 Main St, Springfield');
    expect(fields[3]).toContain('12 Main Street');
    expect(fields[4]).toContain('+12175550123');
    expect(fields[6]).toContain('<https://breadandroses.coop/|https://breadandroses.coop>');
    expect(fields[7]).toContain('—');
    expect(fields[8]).toContain('coops · <https://docs.google.com/spreadsheets/d/abc/edit#gid=0&amp;range=A18|row in sheet>');
  });

  it('states the probability and the reasons', () => {
    const texts = textsIn(reviewAlertMessage(bakery).blocks).join('\n');
    expect(texts).toContain('92% likely the same organization');
    expect(texts).toContain('same phone · names 92% similar · same ZIP code');
  });

  it('offers merge, different, and open-in-sheet buttons carrying the pair', () => {
    const elements = actionsOf(reviewAlertMessage(bakery, { reviewUrl: REVIEW }).blocks);
    expect(elements.map((e) => e.action_id)).toEqual([ACTION_IDS.merge, ACTION_IDS.notDuplicate, ACTION_IDS.openInSheet]);
    expect(elements.map((e) => e.text.text)).toEqual(['Same organization — merge', 'Different organizations', 'Open in sheet']);
    expect(parsePairValue(elements[0]?.value)).toEqual({ a: 'coops:17', b: 'civi:204' });
    expect(elements[2]?.url).toBe(REVIEW);
  });

  it('falls back to a row link for "Open in sheet", and leaves it out when there is none', () => {
    expect(actionsOf(reviewAlertMessage(bakery).blocks)[2]?.url).toBe(bakery.a.link);
    const [, riverside] = reviewItems() as [ReviewItem, ReviewItem];
    expect(actionsOf(reviewAlertMessage(riverside).blocks).map((e) => e.action_id))
      .toEqual([ACTION_IDS.merge, ACTION_IDS.notDuplicate]);
  });

  it('replaces the buttons with the outcome and who decided', () => {
    const { blocks } = reviewAlertMessage(bakery, {
      decided: { outcome: 'merge', by: 'U0COORD', at: '2026-11-25T10:00:00.000Z' },
    });
    expect(actionsOf(blocks)).toEqual([]);
    expect(textsIn(blocks).join('\n')).toContain('*Same organization — merge*, decided by <@U0COORD> at 2026-11-25 10:00:00Z');
  });

  it('shows a decider that is not a Slack user id as text', () => {
    const decidedBy = (by: string): string => textsIn(reviewAlertMessage(bakery, {
      decided: { outcome: 'not-duplicate', by, at: '2026-11-25T10:00:00.000Z' },
    }).blocks).join('\n');
    expect(decidedBy('<!channel>')).toContain('decided by &lt;!channel&gt;');
    expect(decidedBy('UNICEF')).toContain('decided by UNICEF at');
    expect(decidedBy('U024BE7LH')).toContain('decided by <@U024BE7LH> at');
    expect(decidedBy('')).toContain('decided by someone at');
  });

  it('renders hostile names, addresses, reasons and links as text', () => {
    const hostile = hostileItem();
    const message = reviewAlertMessage(hostile, { reviewUrl: REVIEW });
    const allowed = [REVIEW, 'https://docs.google.com/spreadsheets/d/x/edit?a=1&b=2%7C%3C!here%3E', 'https://ok.example/?q=%3Cscript%3E'];
    for (const text of [message.text, ...textsIn(message.blocks)]) expectOnlyLinks(text, allowed);
    const all = textsIn(message.blocks).join('\n');
    expect(all).toContain('&lt;!channel&gt; Free money');
    expect(all).toContain('&lt;https://phish.example/login|Click to verify your account&gt;');
    expect(all).toContain('Tom &amp;amp; Jerry &lt;@U0ADMIN&gt;');
    expect(all).toContain('javascript:alert(1)');
    expect(all).not.toContain('\u001b');
    expect(all).not.toContain('\u202e');
    expect(message.text).toBe('Possible duplicate (88%): &lt;!channel&gt; Free money / Tom &amp;amp; Jerry &lt;@U0ADMIN&gt; &lt;!subteam^S0ALL|everyone&gt;[2J');
    expectWithinLimits(message.blocks, message.text);
  });

  it('stays within Block Kit limits however long the cells are', () => {
    const huge = 'W&<'.repeat(20_000);
    const item: ReviewItem = {
      ...bakery,
      reasons: Array.from({ length: 500 }, (_, i) => `reason ${i} ${huge}`),
      a: { ...bakery.a, id: `a:${huge}`, name: huge, address: huge, phone: huge, website: `https://x.example/${'a'.repeat(5000)}`, source: huge },
      b: { ...bakery.b, id: `b:${huge}`, name: huge, address: huge, phone: huge, website: huge, link: `https://x.example/${'b'.repeat(5000)}` },
    };
    const message = reviewAlertMessage(item, { reviewUrl: `https://x.example/${'c'.repeat(4000)}` });
    expectWithinLimits(message.blocks, message.text);
    for (const text of textsIn(message.blocks)) {
      expectOnlyLinks(text, [bakery.a.link]);
      expect(text.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
  });

  it('reports a probability out of range or missing as a bounded percentage', () => {
    expect(reviewAlertMessage({ ...bakery, probability: 1.7 }).text).toContain('(100%)');
    expect(reviewAlertMessage({ ...bakery, probability: Number.NaN }).text).toContain('(0%)');
  });
});

describe('pair values', () => {
  it('round-trips the two ids', () => {
    expect(parsePairValue(pairValue(bakery))).toEqual({ a: 'coops:17', b: 'civi:204' });
  });

  it('carries only the pair id when the ids would not fit in a button', () => {
    const long = 'x'.repeat(1500);
    const item = { ...bakery, pair_id: `a:${long}|b`, a: { ...bakery.a, id: `a:${long}` }, b: { ...bakery.b, id: `b:${long}` } };
    const value = pairValue(item);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(parsePairValue(value)).toEqual({ pair: item.pair_id });
  });

  it('rejects anything but the expected shape', () => {
    for (const bad of [undefined, '', 'not json', '[]', '{"a":"x"}', '{"a":"x","b":"y","c":1}', '{"a":1,"b":2}', '{"pair":""}']) {
      expect(parsePairValue(bad)).toBeUndefined();
    }
  });
});

describe('digestMessage', () => {
  it('counts the pairs, lists the first ones escaped, and links the Review tab', () => {
    const items = [...reviewItems(), hostileItem()];
    const message = digestMessage(items, { inThread: 2, reviewUrl: REVIEW });
    expect(message.text).toBe('4 new possible duplicates to review');
    const all = textsIn(message.blocks).join('\n');
    expect(all).toContain('The first 2 are in this thread to decide; 2 more follow after the next runs.');
    expect(all).toContain('• 88%  &lt;!channel&gt; Free money');
    for (const text of textsIn(message.blocks)) expectOnlyLinks(text, []);
    expectWithinLimits(message.blocks, message.text);
  });

  it('stays within limits for thousands of pairs', () => {
    const [item] = reviewItems() as [ReviewItem];
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...item, pair_id: `p${i}`, a: { ...item.a, name: '<'.repeat(500) } }));
    const message = digestMessage(many, { inThread: 50 });
    expectWithinLimits(message.blocks, message.text);
    expect(textsIn(message.blocks).join('\n')).toContain('…and 4985 more');
  });
});

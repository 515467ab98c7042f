import { clipMrkdwn, escapeMrkdwn, mrkdwnLink, mrkdwnText, plainText, safeUrl } from '../../../bot/src/slack/escape';

describe('escapeMrkdwn', () => {
  it('escapes exactly &, < and > and leaves everything else alone', () => {
    expect(escapeMrkdwn('Tom & Jerry <!channel> > "quotes" \'single\' *bold* _it_ é 🍞'))
      .toBe('Tom &amp; Jerry &lt;!channel&gt; &gt; "quotes" \'single\' *bold* _it_ é 🍞');
  });

  it('escapes text that already looks escaped, so it shows as typed', () => {
    expect(escapeMrkdwn('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('turns mentions and disguised links into plain text', () => {
    for (const hostile of ['<!channel>', '<!here|here>', '<!everyone>', '<@U024BE7LH>', '<#C024BE7LR|general>',
      '<!subteam^S0|team>', '<https://evil.example|Your bank>']) {
      expect(escapeMrkdwn(hostile)).not.toMatch(/[<>]/);
    }
  });

  it('drops terminal escapes and bidi overrides but keeps newlines and tabs', () => {
    expect(escapeMrkdwn('a\u001b[2Jb\u202ec\u0000d\ne\tf')).toBe('a[2Jbcd\ne\tf');
  });
});

describe('clipMrkdwn', () => {
  it('leaves short text untouched', () => {
    expect(clipMrkdwn('abc', 3)).toBe('abc');
  });

  it('never cuts an entity in half', () => {
    const escaped = escapeMrkdwn('aaaa&&&&&&');
    for (let max = 2; max < escaped.length; max += 1) {
      const clipped = clipMrkdwn(escaped, max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  it('does not split a surrogate pair', () => {
    const clipped = clipMrkdwn('ab🍞🍞🍞', 4);
    expect(clipped).toBe('ab…');
  });
});

describe('links', () => {
  it('accepts only http and https addresses', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl('  http://a.example ')).toBe('http://a.example/');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('slack://open')).toBeUndefined();
    expect(safeUrl('a.example')).toBeUndefined();
    expect(safeUrl('https://')).toBeUndefined();
  });

  it('links a safe address with an escaped label and an unbreakable target', () => {
    expect(mrkdwnLink('https://a.example/?x=1&y=2|<!here>', 'Row <5>', 500))
      .toBe('<https://a.example/?x=1&amp;y=2%7C%3C!here%3E|Row &lt;5&gt;>');
  });

  it('shows anything else as escaped text', () => {
    expect(mrkdwnLink('javascript:alert(1)', '<!channel>', 500)).toBe('&lt;!channel&gt;');
  });

  it('clips mrkdwnText and plainText to their limits', () => {
    expect(mrkdwnText('<'.repeat(1000), 100).length).toBeLessThanOrEqual(100);
    expect(plainText('x'.repeat(100), 75)).toHaveLength(75);
  });
});

describe('huge cells', () => {
  it('clips a multi-megabyte cell quickly to the limit, with an ellipsis', () => {
    const text = mrkdwnText('<&>'.repeat(1_000_000), 2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('…')).toBe(true);
  });

  it('owes an ellipsis even when the cut-off text was mostly control characters', () => {
    expect(mrkdwnText(`${'\u0000'.repeat(10_000)}abc`, 10)).toBe('…');
    expect(plainText(`${'\u0007'.repeat(10_000)}abc`, 10)).toBe('…');
  });
});

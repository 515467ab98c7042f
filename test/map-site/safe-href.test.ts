import { safeHref } from '../../map-site/src/dom';

describe('safeHref', () => {
  it.each([
    ['https://example.coop/about', 'https://example.coop/about'],
    ['http://example.coop', 'http://example.coop/'],
    ['example.coop', 'https://example.coop/'],
    ['www.example.coop/path?q=1', 'https://www.example.coop/path?q=1'],
  ])('links %s', (input, href) => expect(safeHref(input)).toBe(href));

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
    'vbscript:x', 'mailto:a@b.coop', '/relative/path', '//evil.example', 'not a url', '', undefined])(
    'refuses %p', (input) => expect(safeHref(input)).toBeNull());
});

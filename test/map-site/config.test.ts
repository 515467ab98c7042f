/** config.js is edited by hand: anything malformed falls back to the default rather than blanking the page. */
import { DEFAULT_CONFIG, readConfig } from '../../map-site/src/config';

describe('the site config', () => {
  it('reads workerAbove as a byte count and falls back on anything else', () => {
    expect(readConfig({ workerAbove: 0 }).workerAbove).toBe(0);
    expect(readConfig({ workerAbove: 1024 }).workerAbove).toBe(1024);
    for (const given of [-1, '0', null, Number.NaN, {}]) expect(readConfig({ workerAbove: given }).workerAbove).toBe(DEFAULT_CONFIG.workerAbove);
    expect(readConfig('garbage').workerAbove).toBe(DEFAULT_CONFIG.workerAbove);
  });
});

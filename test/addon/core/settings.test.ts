import { DEFAULT_SETTINGS, parseSettings, readSettings } from '../../../addon/src/core/settings';
import { MemoryProperties } from '../fakes/memory-properties';

describe('settings', () => {
  it('default when nothing or something damaged is stored', () => {
    expect(readSettings(new MemoryProperties())).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(new MemoryProperties({ 'dcc.settings': '{oops' }))).toEqual(DEFAULT_SETTINGS);
  });

  it('accept country names and codes', () => {
    expect(parseSettings({ country: 'Canada' }).settings?.country).toBe('CA');
    expect(parseSettings({ country: 'mx' }).settings?.country).toBe('MX');
  });

  it('refuse more overrides than one property can hold', () => {
    const overrides = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`A rather long column header number ${i}`, 'notes']));
    expect(parseSettings({ overrides }).problems[0]).toContain('9 KB');
  });
});

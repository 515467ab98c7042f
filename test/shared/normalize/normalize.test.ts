import { normalizeCountry } from '../../../shared/normalize/country';
import { normalizeEmail } from '../../../shared/normalize/email';
import { normalizeLanguages } from '../../../shared/normalize/languages';
import { normalizeBoolean, normalizeCoordinate, normalizeCount, normalizeStatus, normalizeYear } from '../../../shared/normalize/numbers';
import { normalizePhone } from '../../../shared/normalize/phone';
import { normalizePostalCode } from '../../../shared/normalize/postal-code';
import { normalizeState } from '../../../shared/normalize/state';
import { cleanText, hasUnclosedPrivateText, stripPrivateText } from '../../../shared/normalize/text';
import { normalizeUrl } from '../../../shared/normalize/url';

describe('phone', () => {
  it.each(['(312) 555-0142', '312.555.0142', '+1 312 555 0142', '1-312-555-0142'])('stores %s as E.164', (raw) => {
    expect(normalizePhone(raw)).toEqual({ value: '+13125550142' });
  });
  it('uses the default country', () => {
    expect(normalizePhone('020 7946 0958', 'GB').value).toBe('+442079460958');
  });
  it('explains a missing area code', () => {
    expect(normalizePhone('555-0199').problem?.code).toBe('phone_no_area_code');
  });
  it('rejects junk without throwing', () => {
    expect(normalizePhone('call us!').problem?.code).toBe('phone_invalid');
  });
});

describe('url', () => {
  it('adds https, lower-cases the host and strips tracking parameters', () => {
    expect(normalizeUrl('WWW.River.Coop/About?utm_source=x&id=3&fbclid=y').value).toBe('https://www.river.coop/About?id=3');
  });
  it('keeps an explicit http scheme and drops a bare trailing slash', () => {
    expect(normalizeUrl('http://example.org/').value).toBe('http://example.org');
  });
  it.each(['javascript:alert(1)', 'data:text/html,<script>', 'not a url', 'http://localhost'])('rejects %s', (raw) => {
    expect(normalizeUrl(raw).problem).toBeDefined();
  });
});

describe('email', () => {
  it('lower-cases the domain and drops mailto:', () => {
    expect(normalizeEmail('mailto:Hello@River.COOP').value).toBe('Hello@river.coop');
  });
  it.each(['hello', 'a@b', '<script>@x.org', 'a b@x.org'])('rejects %s', (raw) => {
    expect(normalizeEmail(raw).problem?.code).toBe('email_invalid');
  });
});

describe('state', () => {
  it('turns names into codes and says so', () => {
    expect(normalizeState('Illinois')).toMatchObject({ value: 'IL', corrected: { code: 'state_format' } });
    expect(normalizeState('il')).toMatchObject({ value: 'IL' });
  });
  it('leaves other countries\' regions alone', () => {
    expect(normalizeState('Ontario', 'CA')).toEqual({ value: 'Ontario' });
  });
  it('reports an unknown US state', () => {
    expect(normalizeState('Gondor').problem?.code).toBe('state_unknown');
  });
});

describe('postal code', () => {
  it('accepts ZIP and ZIP+4, and formats nine digits', () => {
    expect(normalizePostalCode('60615')).toEqual({ value: '60615' });
    expect(normalizePostalCode('60615-1234')).toEqual({ value: '60615-1234' });
    expect(normalizePostalCode('606151234').value).toBe('60615-1234');
  });
  it('restores a lost leading zero only where ZIPs start with 0', () => {
    expect(normalizePostalCode('2134', 'US', 'MA')).toMatchObject({ value: '02134', corrected: { code: 'zip_leading_zero' } });
    expect(normalizePostalCode('5370', 'US', 'WI').problem?.code).toBe('zip_invalid');
  });
  it('accepts any postal code outside the US', () => {
    expect(normalizePostalCode('M5V 3L9', 'CA')).toEqual({ value: 'M5V 3L9' });
  });
});

describe('country', () => {
  it.each([['United States', 'US'], ['USA', 'US'], ['méxico', 'MX'], ['canada', 'CA'], ['us', 'US']])('%s → %s', (raw, code) => {
    expect(normalizeCountry(raw).value).toBe(code);
  });
  it('reports an unknown country', () => {
    expect(normalizeCountry('Atlantis').problem?.code).toBe('country_unknown');
  });
});

describe('numbers, booleans, status, coordinates, languages', () => {
  it('reads counts people write', () => {
    expect(normalizeCount('1,200', 'Number of workers').value).toBe('1200');
    expect(normalizeCount('-3', 'Number of workers').problem?.code).toBe('count_negative');
    expect(normalizeCount('about 10', 'Number of workers').problem?.code).toBe('count_invalid');
  });
  it('bounds the founding year', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(normalizeYear('1998', now)).toEqual({ value: '1998' });
    expect(normalizeYear('1700', now).problem?.code).toBe('year_out_of_range');
    expect(normalizeYear('2030', now).problem?.code).toBe('year_out_of_range');
    expect(normalizeYear('98', now).problem?.code).toBe('year_invalid');
    // A year typed as a date in Sheets arrives as an ISO date; its year is what was meant.
    expect(normalizeYear('1998-01-01', now)).toMatchObject({ value: '1998', corrected: { code: 'year_format' } });
  });
  it('reads yes/no and status words', () => {
    expect(normalizeBoolean('TRUE', 'Democratic').value).toBe('yes');
    expect(normalizeStatus('Defunct').value).toBe('closed');
    expect(normalizeStatus('maybe').problem).toBeDefined();
  });
  it('checks coordinate ranges', () => {
    expect(normalizeCoordinate('41.8', 'latitude')).toEqual({ value: '41.8' });
    expect(normalizeCoordinate('87.6 W', 'longitude').value).toBe('-87.6');
    expect(normalizeCoordinate('95', 'latitude').problem?.code).toBe('latitude_out_of_range');
    expect(normalizeCoordinate('north', 'latitude').problem?.code).toBe('latitude_invalid');
  });
  it('turns language names into ISO 639-1 codes', () => {
    expect(normalizeLanguages('English, Español').value).toBe('en; es');
    expect(normalizeLanguages('en; klingon').problem?.code).toBe('language_unknown');
  });
});

describe('text', () => {
  it('applies NFC and removes control and zero-width characters', () => {
    expect(cleanText('Cafe\u0301\u200b  Co-op\u0007\n')).toBe('Café Co-op');
  });
  it('strips ((private)) asides', () => {
    expect(stripPrivateText('Open daily ((owner is ill, do not call)) 9-5')).toBe('Open daily 9-5');
  });
  it('strips nested asides whole, so nothing after an inner "))" leaks', () => {
    expect(stripPrivateText('Bakery ((a ((b)) SECRET-TAIL)) open')).toBe('Bakery open');
    expect(stripPrivateText('((a ((b)) SECRET-TAIL))')).toBe('');
  });
  it('treats everything after an unclosed "((" as private', () => {
    expect(stripPrivateText('Open daily ((owner is ill, do not call')).toBe('Open daily');
    expect(hasUnclosedPrivateText('Open daily ((owner is ill')).toBe(true);
    expect(hasUnclosedPrivateText('Open ((a ((b)) c)) daily')).toBe(false);
  });
});

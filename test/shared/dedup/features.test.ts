import { cityKey, emailKey, phoneKey, postal5, registrableDomain } from '../../../shared/dedup/features/contact';
import { normalizeName } from '../../../shared/dedup/features/name';

describe('normalizeName', () => {
  it('takes legal-form words out of the name and keeps them as a feature', () => {
    expect(normalizeName('The Silver Pine Farm Co-op, Inc.')).toEqual({ key: 'silver pine farm', tokens: ['silver', 'pine', 'farm'],
      forms: ['coop', 'inc', 'the'] });
  });

  it('reads co-op, coop, co op and cooperative as one form', () => {
    const keys = ['Harmony Co-op', 'Harmony Coop', 'Harmony Co op', 'Harmony Cooperative', 'HARMONY CO-OPERATIVE']
      .map((name) => normalizeName(name));
    for (const name of keys) expect(name).toEqual({ key: 'harmony', tokens: ['harmony'], forms: ['coop'] });
  });

  it('folds accents, case, apostrophes and ampersands', () => {
    expect(normalizeName("Café Women's Bread & Roses").key).toBe('cafe womens bread roses');
    expect(normalizeName('CAFE WOMENS BREAD AND ROSES').key).toBe('cafe womens bread roses');
  });

  it('keeps a name made only of form words', () => {
    expect(normalizeName('The Cooperative').key).toBe('coop');
  });

  it('gives nothing for empty or punctuation-only names', () => {
    expect(normalizeName('').key).toBe('');
    expect(normalizeName(undefined).key).toBe('');
    expect(normalizeName('--- !!! ---').key).toBe('');
  });
});

describe('contact keys', () => {
  it('reduces phones to ten digits and the last seven, dropping extensions', () => {
    expect(phoneKey('(202) 778-5028 x280')).toEqual({ full: '2027785028', last7: '7785028' });
    expect(phoneKey('+1 202 778 5028')).toEqual({ full: '2027785028', last7: '7785028' });
    expect(phoneKey('778-5028')).toEqual({ last7: '7785028' });
    expect(phoneKey('0000000000')).toBeUndefined();
    expect(phoneKey('n/a')).toBeUndefined();
  });

  it('reduces websites to their registrable domain', () => {
    expect(registrableDomain('https://www.Silver-Pine-Farm.coop/about?x=1')).toBe('silver-pine-farm.coop');
    expect(registrableDomain('silver-pine-farm.coop/')).toBe('silver-pine-farm.coop');
    expect(registrableDomain('http://shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('https://harmony.wixsite.com/home')).toBe('wixsite.com/harmony');
    expect(registrableDomain('not a url')).toBeUndefined();
  });

  it('keeps an email domain only when it is not a free-mail provider', () => {
    expect(emailKey('Info@Harmony.coop')).toEqual({ address: 'info@harmony.coop', domain: 'harmony.coop' });
    expect(emailKey('harmony.coop@gmail.com')).toEqual({ address: 'harmony.coop@gmail.com' });
  });

  it('reduces postal codes to five digits and restores a lost leading zero', () => {
    expect(postal5('02134-1234')).toBe('02134');
    expect(postal5('2134')).toBe('02134');
    expect(postal5('97227')).toBe('97227');
  });

  it('folds city spellings', () => {
    expect(cityKey('SAINT PAUL')).toBe(cityKey('St. Paul'));
  });
});

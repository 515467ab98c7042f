import { parseStreet, splitOneLineAddress, splitUnit } from '../../../shared/normalize/address';

describe('splitOneLineAddress', () => {
  it.each([
    ['221 E. 51st St. Chicago IL 60615', { street: '221 E. 51st St.', city: 'Chicago', state: 'IL', postal_code: '60615' }],
    ['385 Ashland Street Eugene, OR 97443', { street: '385 Ashland Street', city: 'Eugene', state: 'OR', postal_code: '97443' }],
    ['91 Sunset Boulevard, Suite 200, New Haven CT 06504',
      { street: '91 Sunset Boulevard', street2: 'Suite 200', city: 'New Haven', state: 'CT', postal_code: '06504' }],
    ['275 Michigan Ct. #2C Cincinnati, oh 45266',
      { street: '275 Michigan Ct.', street2: '#2C', city: 'Cincinnati', state: 'OH', postal_code: '45266' }],
    ['6096 57th Ave, #13 Philadelphia, PA 19188-4641',
      { street: '6096 57th Ave', street2: '#13', city: 'Philadelphia', state: 'PA', postal_code: '19188-4641' }],
    ['212 Cesar Chavez Avenue, Portland, or 97227',
      { street: '212 Cesar Chavez Avenue', city: 'Portland', state: 'OR', postal_code: '97227' }],
    ['385 W Lawrence Rd, Salt Lake City, UT', { street: '385 W Lawrence Rd', city: 'Salt Lake City', state: 'UT' }],
    ['12 West Virginia Ave Charleston West Virginia 25301',
      { street: '12 West Virginia Ave', city: 'Charleston', state: 'WV', postal_code: '25301' }],
    ['100 Main St\nSpringfield, IL 62701', { street: '100 Main St', city: 'Springfield', state: 'IL', postal_code: '62701' }],
  ])('splits %j into its fields', (text, expected) => {
    expect(splitOneLineAddress(text)).toEqual(expected);
  });

  it('reads a city with no street as a city', () => {
    expect(splitOneLineAddress('San Francisco CA 94107')).toEqual({ street: '', city: 'San Francisco', state: 'CA',
      postal_code: '94107' });
  });

  it('keeps a state and ZIP alone rather than calling them a street', () => {
    expect(splitOneLineAddress('AK 99594')).toEqual({ street: '', state: 'AK', postal_code: '99594' });
  });

  it.each(['5144 North Peterson Ave.', '548 Grant Ave No. 3', '', '   '])('leaves the plain street line %j alone', (text) => {
    expect(splitOneLineAddress(text)).toBeUndefined();
  });

  it('survives hostile input without throwing', () => {
    for (const text of [',,,,', '#', '99999', 'IL', 'a'.repeat(10000), '1 '.repeat(5000), ', , OR 97227']) {
      expect(() => splitOneLineAddress(text)).not.toThrow();
    }
  });
});

describe('parseStreet', () => {
  it('separates house number, directional, name, type and unit', () => {
    expect(parseStreet('5144 North Peterson Ave. Apt 3B')).toEqual({ houseNumber: '5144', preDirectional: 'n',
      name: 'peterson', streetType: 'ave', unit: '3b' });
  });

  it('makes abbreviated and spelled-out forms equal', () => {
    const long = parseStreet('6096 57th Avenue, No. 13');
    const short = parseStreet('6096 57th Av #13');
    expect(short).toEqual(long);
  });

  it('takes the unit from the second address line', () => {
    expect(parseStreet('91 Sunset Blvd', 'Suite 200').unit).toBe('200');
  });

  it('keeps a street with no house number', () => {
    expect(parseStreet('Main Street')).toEqual({ name: 'main', streetType: 'st' });
  });
});

describe('splitUnit', () => {
  it('moves a suite to its own line', () => {
    expect(splitUnit('91 Sunset Blvd, Suite 200')).toEqual({ street: '91 Sunset Blvd', street2: 'Suite 200' });
  });

  it('leaves a street without a unit unchanged', () => {
    expect(splitUnit('91 Sunset Blvd')).toEqual({ street: '91 Sunset Blvd' });
  });
});

import { corrected, invalid, ok, type Normalized } from './result';

/** US states, DC and the inhabited territories, by USPS code. */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

const BY_NAME = new Map<string, string>([
  ...Object.entries(US_STATES).map(([code, name]): [string, string] => [squash(name), code]),
  // Old-style and common abbreviations still found in mailing lists.
  ...Object.entries({
    ill: 'IL', ills: 'IL', calif: 'CA', cal: 'CA', mass: 'MA', penn: 'PA', penna: 'PA', wash: 'WA', wis: 'WI',
    wisc: 'WI', mich: 'MI', minn: 'MN', tenn: 'TN', tex: 'TX', fla: 'FL', ariz: 'AZ', colo: 'CO', conn: 'CT',
    ind: 'IN', kans: 'KS', ore: 'OR', oreg: 'OR', okla: 'OK', nebr: 'NE', neb: 'NE', washingtondc: 'DC',
    dc: 'DC', virginislands: 'VI', usvirginislands: 'VI',
  }),
]);

export function stateCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase().replace(/\./g, '');
  if (upper.length === 2 && upper in US_STATES) return upper;
  return BY_NAME.get(squash(text));
}

/** US states are stored as their two-letter code; other countries' regions stay as written. */
export function normalizeState(raw: string, country = 'US'): Normalized {
  const value = raw.trim();
  if (!value || country.toUpperCase() !== 'US') return ok(value);
  const code = stateCode(value);
  if (!code) {
    return invalid(value, 'state_unknown', `"${value}" is not a US state. Use the two-letter code, like IL or NY.`);
  }
  if (code === value) return ok(code);
  return corrected(code, 'state_format', `Write the state as its two-letter code: ${code}.`);
}

import { corrected, invalid, ok, type Normalized } from './result';

/**
 * US ZIP codes: five digits or ZIP+4. Spreadsheets turn 02134 into the number 2134, so a
 * four-digit value in a US row is a lost leading zero, not a typo.
 */
/** States whose ZIP codes start with 0, the only ones where a four-digit ZIP is a lost zero. */
const ZERO_STATES = new Set(['CT', 'MA', 'ME', 'NH', 'NJ', 'RI', 'VT', 'PR', 'VI']);

export function normalizePostalCode(raw: string, country = 'US', state?: string): Normalized {
  const value = raw.trim();
  if (!value || country.toUpperCase() !== 'US') return ok(value);
  const compact = value.replace(/\s+/g, '');
  if (/^\d{5}$/.test(compact) || /^\d{5}-\d{4}$/.test(compact)) return compact === value ? ok(value) : corrected(compact, 'zip_format', `Write the ZIP code as ${compact}.`);
  if (/^\d{9}$/.test(compact)) {
    const fix = `${compact.slice(0, 5)}-${compact.slice(5)}`;
    return corrected(fix, 'zip_format', `Write the ZIP+4 code with a dash: ${fix}.`);
  }
  const zeroPossible = !state || ZERO_STATES.has(state.toUpperCase());
  if (/^\d{3,4}$/.test(compact) && zeroPossible) {
    const fix = compact.padStart(5, '0');
    return corrected(fix, 'zip_leading_zero',
      `This ZIP code lost its leading zero (spreadsheets do that to numbers). It should be ${fix}; format the column as plain text.`);
  }
  if (/^\d{3,4}-\d{4}$/.test(compact) && zeroPossible) {
    const [head = '', tail = ''] = compact.split('-');
    const fix = `${head.padStart(5, '0')}-${tail}`;
    return corrected(fix, 'zip_leading_zero', `This ZIP code lost its leading zero. It should be ${fix}.`);
  }
  return invalid(value, 'zip_invalid', `"${value}" is not a US ZIP code. Use five digits (60615) or ZIP+4 (60615-1234).`);
}

/** The five-digit ZIP, for grouping and geocoding. */
export function zip5(value: string): string | undefined {
  const match = /^(\d{3,5})(?:-?\d{4})?$/.exec(value.trim());
  return match?.[1] ? match[1].padStart(5, '0') : undefined;
}

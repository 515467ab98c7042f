import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { invalid, ok, type Normalized } from './result';

/**
 * Phone numbers are stored in E.164 (+13125550100) so that the same number written
 * "(312) 555-0100" and "312.555.0100" in two sheets is recognizably the same.
 */
export function normalizePhone(raw: string, defaultCountry = 'US'): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const digits = value.replace(/\D/g, '');
  const country = (defaultCountry.toUpperCase() || 'US') as CountryCode;
  const parsed = parsePhoneNumberFromString(value, country);
  if (parsed && parsed.isValid()) return ok(parsed.number);
  if (digits.length === 7) {
    return invalid(value, 'phone_no_area_code',
      `The phone number "${value}" has no area code. Add the area code so people outside the city can call.`);
  }
  if (digits.length < 7) {
    return invalid(value, 'phone_invalid', `"${value}" is too short to be a phone number.`);
  }
  return invalid(value, 'phone_invalid',
    `"${value}" doesn't look like a valid phone number for ${country}. Check the digits, or start it with + and the country code.`);
}

import { languages } from 'countries-list';
import { corrected, invalid, ok, type Normalized } from './result';
import { splitList } from './text';

const BY_NAME = new Map<string, string>();
for (const [code, data] of Object.entries(languages)) {
  BY_NAME.set(data.name.toLowerCase(), code);
  BY_NAME.set(data.native.toLowerCase(), code);
}
BY_NAME.set('asl', 'sgn').set('american sign language', 'sgn').set('sign language', 'sgn').set('espanol', 'es');

/** ISO 639-1 codes, `;`-separated; language names ("Spanish", "Español") are converted. */
export function normalizeLanguages(raw: string): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of splitList(value, true)) {
    const lower = part.toLowerCase();
    const code = lower in languages || lower === 'sgn' ? lower : BY_NAME.get(lower);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else {
      unknown.push(part);
    }
  }
  const joined = codes.join('; ');
  if (unknown.length) {
    return invalid(joined, 'language_unknown',
      `${unknown.map((part) => `"${part}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a language we recognize. Use two-letter codes like en; es.`);
  }
  return joined === value ? ok(joined) : corrected(joined, 'languages_format', `Write the languages as codes: ${joined}.`);
}

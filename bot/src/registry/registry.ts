/**
 * The registry of sources: the `Sources` tab coordinators edit (locally a `sources.csv`). Its
 * columns are fixed because other tools write registries in this shape. Every row is checked
 * with zod; a bad row is reported with its row number and never stops the good ones.
 */
import { z } from 'zod';
import { isFieldKey, type Source } from '../../../shared/schema';

export const REGISTRY_COLUMNS = [
  'key', 'name', 'kind', 'location', 'tab', 'owner', 'contact', 'agreement', 'agreement_date', 'license',
  'attribution', 'country', 'column_map', 'active',
] as const;

export type Agreement = 'signed' | 'pending' | 'none';

/** A registry row: the shared `Source` plus what the network needs to publish it. */
export interface RegistryEntry extends Source {
  readonly owner: string;
  readonly contact: string;
  readonly agreement: Agreement;
  readonly agreementDate: string;
  readonly license: string;
  readonly attribution: string;
  readonly active: boolean;
  /** Row number in the registry as a person sees it (header = 1). */
  readonly row: number;
}

export interface RegistryProblem {
  readonly row: number;
  readonly key: string;
  readonly message: string;
}

export interface Registry {
  readonly entries: RegistryEntry[];
  readonly problems: RegistryProblem[];
}

const trimmed = z.string().transform((value) => value.trim());

const rowSchema = z.object({
  key: trimmed.pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/,
    'key must be 1–40 letters, digits, "-" or "_" (it becomes part of every record id)')),
  name: trimmed.pipe(z.string().min(1, 'name is empty')),
  kind: trimmed.pipe(z.enum(['google-sheet', 'civicrm', 'csv', 'murmurations'], 'kind must be google-sheet, civicrm, csv or murmurations')),
  location: trimmed.pipe(z.string().min(1, 'location is empty')),
  tab: trimmed,
  owner: trimmed,
  contact: trimmed,
  agreement: trimmed.transform((value) => value.toLowerCase())
    .pipe(z.enum(['signed', 'pending', 'none', ''], 'agreement must be signed, pending or none')),
  agreement_date: trimmed.pipe(z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'agreement_date must be YYYY-MM-DD')),
  license: trimmed,
  attribution: trimmed,
  country: trimmed.transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^([A-Z]{2})?$/, 'country must be a two-letter ISO code such as US')),
  column_map: trimmed,
  active: trimmed.transform((value) => value.toLowerCase())
    .pipe(z.enum(['yes', 'no', ''], 'active must be yes, no or blank')),
});

/** `Header=field;Other Header=field` → overrides; unknown field keys are problems, not silent drops. */
export function parseColumnMap(text: string): { map: { [header: string]: string }; problems: string[] } {
  const map: { [header: string]: string } = {};
  const problems: string[] = [];
  for (const part of text.split(';').map((piece) => piece.trim()).filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const header = part.slice(0, at).trim();
    const field = part.slice(at + 1).trim();
    if (at <= 0 || !field) problems.push(`column_map entry "${part}" must look like Header=field`);
    else if (!isFieldKey(field)) problems.push(`column_map: "${field}" is not a field key`);
    else map[header] = field;
  }
  return { map, problems };
}

/** Reads registry rows (header first). Headers must be the registry's exact columns; extra columns are ignored. */
export function readRegistry(rows: readonly (readonly string[])[]): Registry {
  const [header = [], ...data] = rows;
  const names = header.map((cell) => cell.trim().toLowerCase());
  const missing = REGISTRY_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return { entries: [], problems: [{ row: 1, key: '', message: `the registry is missing column(s): ${missing.join(', ')}` }] };
  }
  const entries: RegistryEntry[] = [];
  const problems: RegistryProblem[] = [];
  const seen = new Set<string>();
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const raw = Object.fromEntries(REGISTRY_COLUMNS.map((column) => [column, cells[names.indexOf(column)] ?? '']));
    const parsed = rowSchema.safeParse(raw);
    const key = (raw.key ?? '').trim();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ row, key, message: `${String(issue.path[0] ?? '')}: ${issue.message}` });
      }
      return;
    }
    const value = parsed.data;
    if (seen.has(value.key.toLowerCase())) {
      problems.push({ row, key, message: `key "${value.key}" is used by an earlier row` });
      return;
    }
    seen.add(value.key.toLowerCase());
    const columnMap = parseColumnMap(value.column_map);
    for (const message of columnMap.problems) problems.push({ row, key, message });
    entries.push({
      key: value.key,
      name: value.name,
      kind: value.kind,
      location: value.location,
      ...(value.tab ? { tab: value.tab } : {}),
      ...(value.country ? { country: value.country } : {}),
      ...(Object.keys(columnMap.map).length ? { columnMap: columnMap.map } : {}),
      owner: value.owner,
      contact: value.contact,
      agreement: value.agreement === '' ? 'none' : value.agreement,
      agreementDate: value.agreement_date,
      license: value.license,
      attribution: value.attribution,
      active: value.active !== 'no',
      row,
    });
  });
  return { entries, problems };
}

/** Writes entries back in the registry's column order (for copying a local registry into a spreadsheet). */
export function registryToRows(entries: readonly RegistryEntry[]): string[][] {
  return [[...REGISTRY_COLUMNS], ...entries.map((entry) => [
    entry.key, entry.name, entry.kind, entry.location, entry.tab ?? '', entry.owner, entry.contact, entry.agreement,
    entry.agreementDate, entry.license, entry.attribution, entry.country ?? '',
    Object.entries(entry.columnMap ?? {}).map(([header, field]) => `${header}=${field}`).join(';'),
    entry.active ? 'yes' : 'no',
  ])];
}

import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { dedupe, explainPair, type DedupeResult } from '../../../../shared/dedup';
import { spreadOneLineAddress } from '../../../../shared/normalize/address';
import { headerKey } from '../../../../shared/read/headers';
import { toCsv } from '../../../../shared/read/csv';
import { rowsToRecords } from '../../../../shared/read/records';
import { isFieldKey, type FieldKey } from '../../../../shared/schema/fields';
import type { Record } from '../../../../shared/schema/record';
import { readCsvFile } from '../../io/read-csv-file';
import { CliError } from '../errors';

interface DedupeOptions {
  out: string;
  map?: string;
  threshold?: string;
  explain?: string;
}

/** Inputs this large report each stage on stderr; smaller ones finish before anyone wonders. */
const PROGRESS_ABOVE_ROWS = 10000;
/** Fields the engine compares; a file mapping none of them cannot be deduplicated. */
const MATCH_FIELDS: readonly FieldKey[] = ['name', 'street', 'phone', 'website', 'email', 'postal_code'];

export const command = (): Command =>
  new Command('dedupe')
    .description('find rows that list the same organization; writes every row back with a cluster_id')
    .argument('<input>', 'CSV file')
    .requiredOption('--out <file>', 'CSV to write: every input row, in order, plus cluster_id and match_probability')
    .option('--map <field=Header,...>', 'which column holds which field, e.g. name="Site name",street=Address,postal_code=Zip')
    .option('--threshold <probability>', 'match probability from which two rows are the same organization', '0.5')
    .option('--explain <file>', 'CSV of the scored pairs with the reasons behind each score')
    .action(async (input: string, options: DedupeOptions) => {
      const threshold = parseThreshold(options.threshold ?? '0.5');
      const rows = await readCsvFile(input);
      const overrides = options.map ? parseMap(options.map, rows) : undefined;
      const read = rowsToRecords(rows, { source: 'csv', overrides });
      const mapped = MATCH_FIELDS.filter((field) => read.mapping.byField.has(field));
      if (mapped.length === 0) {
        throw new CliError(`${input}: no column holds a name, street, phone, website, email or ZIP code; `
          + 'name the columns with --map, e.g. --map name="Site name"');
      }
      const records = read.records.map(withAddressSplit);
      const large = records.length > PROGRESS_ABOVE_ROWS;
      const result = dedupe(records, { settings: { threshold }, onProgress: large ? progressReporter() : undefined });

      // People open both files in spreadsheet programs: a cell like =HYPERLINK(…) must stay text.
      await write(options.out, toCsv(outputRows(rows, read.headerRowIndex, records, result), { formulaSafe: true }));
      if (options.explain) await write(options.explain, toCsv(explainRows(records, result), { formulaSafe: true }));
      const linked = result.clusters.filter((cluster) => cluster.recordIds.length > 1);
      const rowsLinked = linked.reduce((total, cluster) => total + cluster.recordIds.length, 0);
      process.stdout.write(`${records.length} rows: ${linked.length} organizations listed more than once `
        + `(${rowsLinked} rows), ${result.clusters.length} organizations in all. Wrote ${options.out}`
        + `${options.explain ? ` and ${options.explain}` : ''}.\n`);
    });

function parseThreshold(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new CliError(`--threshold ${text} is not a probability between 0 and 1, e.g. 0.5`);
  return value;
}

/** `--map name="Site name",street=Address` → header → field overrides for mapHeaders. */
export function parseMap(text: string, rows: readonly (readonly string[])[]): { [header: string]: string } {
  const overrides: { [header: string]: string } = {};
  const headers = rows.slice(0, 20).flat().map((cell) => headerKey(cell));
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const equals = entry.indexOf('=');
    const field = entry.slice(0, equals).trim();
    const header = entry.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    if (equals < 1 || !header) throw new CliError(`--map ${entry}: write it as field=Header, e.g. name="Site name"`);
    if (!isFieldKey(field)) throw new CliError(`--map ${entry}: "${field}" is not a field (use e.g. name, street, city, postal_code, phone)`);
    if (!headers.includes(headerKey(header))) throw new CliError(`--map ${entry}: the file has no column "${header}"`);
    overrides[header] = field;
  }
  return overrides;
}

/** A street cell holding a whole one-line address fills the city, state and ZIP it contains. */
function withAddressSplit(record: Record): Record {
  const spread = spreadOneLineAddress(record.values);
  return spread ? { ...record, values: spread.values } : record;
}

/** Widest row; a loop, since spreading a million rows into Math.max overflows the call stack. */
export function widestRow(rows: readonly (readonly string[])[]): number {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

export function outputRows(rows: readonly (readonly string[])[], headerRowIndex: number, records: readonly Record[],
  result: Pick<DedupeResult, 'bestMatchProbability' | 'clusterOf'>): string[][] {
  const width = widestRow(rows);
  const byRow = new Map<number, Record>();
  for (const record of records) byRow.set(record.row - 1, record);
  return rows.map((row, index) => {
    const padded = [...row, ...Array<string>(width - row.length).fill('')];
    if (index === headerRowIndex) return [...padded, 'cluster_id', 'match_probability'];
    const record = byRow.get(index);
    if (!record) return [...padded, '', ''];
    const best = result.bestMatchProbability.get(record.id);
    return [...padded, result.clusterOf.get(record.id) ?? '', best === undefined ? '' : best.toFixed(4)];
  });
}

function explainRows(records: readonly Record[], result: DedupeResult): string[][] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const comparisons = result.model.comparisons.map((comparison) => comparison.output);
  const header = ['row_a', 'row_b', 'name_a', 'name_b', 'match_probability', 'match_weight', 'same_cluster', 'decision',
    'reasons', ...comparisons.flatMap((output) => [output, `mw_${output}`])];
  return [header, ...result.pairs.map((pair) => {
    const a = byId.get(pair.a);
    const b = byId.get(pair.b);
    const explanation = explainPair(pair, result.model);
    return [String(a?.row ?? ''), String(b?.row ?? ''), a?.values.name ?? '', b?.values.name ?? '',
      pair.matchProbability.toFixed(4), pair.matchWeight.toFixed(2), pair.sameCluster ? 'yes' : 'no',
      pair.decision?.outcome ?? '', explanation.reasons.join('; '),
      ...explanation.fields.flatMap((field) => [field.level, field.weight.toFixed(2)])];
  })];
}

function progressReporter(): (stage: string, done: number, total: number) => void {
  let lastStage = '';
  let lastShare = 0;
  return (stage, done, total) => {
    const share = total > 0 ? Math.floor((done / total) * 10) : 10;
    if (stage === lastStage && share === lastShare) return;
    lastStage = stage;
    lastShare = share;
    process.stderr.write(`dedupe: ${stage} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}\n`);
  };
}

async function write(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

import { Command, Option } from 'commander';
import type { Finding } from '../../../../shared/schema/record';
import { CliError } from '../errors';

interface ValidateOptions {
  format: 'text' | 'json';
  country: string;
}

export const command = (): Command =>
  new Command('validate')
    .description('check a sheet exported as CSV against the data-points template')
    .argument('<file>', 'CSV file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--country <code>', 'default country for phones, states and ZIP codes', 'US')
    .action(async (file: string, options: ValidateOptions) => {
      // The validator's phone and place data load with the command, not with every `dcc` start.
      const [{ countryCode }, { validateRows }, { readCsvFile }, { formatFindings }] = await Promise.all([
        import('../../../../shared/normalize/country'), import('../../../../shared/validate'),
        import('../../io/read-csv-file'), import('../format-findings')]);
      const country = countryCode(options.country);
      if (!country) throw new CliError(`--country ${options.country} is not a country code (use e.g. US or CA)`);
      const rows = await readCsvFile(file);
      const result = validateRows(rows, { source: 'file', country });
      process.stdout.write(options.format === 'json'
        ? `${JSON.stringify(result.findings.map(toJson), null, 2)}\n`
        : formatFindings(result.findings, { rows: result.records.length, blocked: result.blocked.size }));
      if (result.findings.some((item) => item.severity === 'error')) process.exitCode = 1;
    });

function toJson(item: Finding): object {
  return { row: item.row, column: item.column ?? null, field: item.field, severity: item.severity, code: item.code,
    message: item.message, fix: item.fix ?? null };
}

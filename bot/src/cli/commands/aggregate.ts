import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { LockedError } from '../../io/lock';
import { RegistryFileError } from '../../registry/read-registry-file';
import { runAggregate } from '../../jobs/aggregate';
import { formatAggregateSummary } from '../aggregate-summary';
import { CliError } from '../errors';
import { progressLine } from '../progress-line';

interface AggregateCommandOptions {
  registry?: string;
  spreadsheet?: string;
  out: string;
  dryRun?: boolean;
  json?: boolean;
  wait: string;
  allowPrivateNetwork?: boolean;
  sourceDir: string[];
}

/** Exit codes: 0 all sources read, 3 some source failed or was stale, 4 another run holds the lock. */
export const command = (): Command =>
  new Command('aggregate')
    .description('read every registered source into one deduplicated master and publish it')
    .option('--registry <file>', 'registry of sources (CSV with the Sources columns); default: sources.csv, or the spreadsheet\'s Sources tab')
    .option('--spreadsheet <id>', 'master workbook in a Google spreadsheet (credentials: GOOGLE_APPLICATION_CREDENTIALS)')
    .option('--out <dir>', 'output folder: workbook/, public/ and cache/', 'out')
    .option('--dry-run', 'read, check and merge, but write nothing')
    .option('--json', 'print the result as JSON')
    .option('--wait <seconds>', 'wait this long for another run to finish', '0')
    .option('--allow-private-network', 'let sources reach loopback and private addresses (plain http only on loopback); also DCC_ALLOW_PRIVATE_NETWORK=1')
    .option('--source-dir <dir>', 'a folder local CSV sources may be read from, besides the registry\'s (repeatable)',
      (dir: string, dirs: string[]) => [...dirs, dir], [] as string[])
    .action(async (options: AggregateCommandOptions) => {
      let registryPath = options.registry;
      if (!registryPath && !options.spreadsheet) {
        if (!existsSync('sources.csv')) throw new CliError('no registry: pass --registry FILE or --spreadsheet ID (or run where sources.csv is)');
        registryPath = 'sources.csv';
      }
      const wait = Number(options.wait);
      if (!Number.isFinite(wait) || wait < 0) throw new CliError('--wait must be a number of seconds');
      const progress = progressLine();
      try {
        const result = await runAggregate({
          ...(registryPath ? { registryPath } : {}),
          ...(options.spreadsheet ? { workbook: { kind: 'google-sheet', spreadsheetId: options.spreadsheet } } : {}),
          outDir: options.out,
          dryRun: Boolean(options.dryRun),
          waitMs: wait * 1000,
          ...(options.allowPrivateNetwork ? { env: { ...process.env, DCC_ALLOW_PRIVATE_NETWORK: '1' } } : {}),
          ...(options.sourceDir.length ? { sourceDirs: options.sourceDir } : {}),
          onProgress: progress.update,
        });
        progress.end();
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatAggregateSummary(result));
        if (result.run.status === 'partial') process.exitCode = 3;
      } catch (error) {
        progress.end();
        if (error instanceof RegistryFileError) throw new CliError(error.message, 2, 'dcc_registry');
        if (error instanceof LockedError) {
          if (options.json) process.stdout.write(`${JSON.stringify({ status: 'locked', message: error.message })}\n`);
          throw new CliError(error.message, 4, error.code);
        }
        throw error;
      }
    });

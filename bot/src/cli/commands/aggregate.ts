import { existsSync } from 'node:fs';
import { Command } from 'commander';
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

/**
 * Exit codes: 0 all sources read, 3 some source failed or was stale (or, with DCC_MURMURATIONS_BASE_URL set,
 * a Murmurations profile was rejected or could not be registered), 4 another run holds the lock.
 */
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
      // Loaded here, not at the top: the job pulls in googleapis, which `dcc --help` must not pay for.
      const [{ runAggregate }, { LockedError }, { formatAggregateSummary }, { registerOptionsFromEnv }, { registerProfiles },
        { formatRegisterReport }, { RegistryFileError }] = await Promise.all([import('../../jobs/aggregate'), import('../../io/lock'),
        import('../aggregate-summary'), import('../../murmurations/configured'), import('../../murmurations/register'),
        import('../../murmurations/report'), import('../../registry/read-registry-file')]);
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
        if (!options.json) process.stdout.write(formatAggregateSummary(result));
        if (result.run.status === 'partial') process.exitCode = 3;
        // After a whole run only: the index fetches the profiles this run just wrote.
        const murmurations = options.dryRun ? undefined : registerOptionsFromEnv(process.env, options.out);
        const registered = murmurations
          ? await registerProfiles(murmurations).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
          : undefined;
        if (registered && ('error' in registered || registered.needsAttention)) process.exitCode = 3;
        if (options.json) {
          process.stdout.write(`${JSON.stringify(registered ? { ...result, murmurations: registered } : result, null, 2)}\n`);
        } else if (registered) {
          process.stdout.write('error' in registered ? `Murmurations: nothing registered: ${registered.error}\n` : formatRegisterReport(registered));
        }
      } catch (error) {
        progress.end();
        if (error instanceof RegistryFileError) throw new CliError(error.message, 'dcc_registry');
        if (error instanceof LockedError) {
          if (options.json) process.stdout.write(`${JSON.stringify({ status: 'locked', message: error.message })}\n`);
          throw new CliError(error.message, 'dcc_locked');
        }
        throw error;
      }
    });

import { Command } from 'commander';
import { registerOptionsFromEnv } from '../../murmurations/configured';
import { registerProfiles } from '../../murmurations/register';
import { formatRegisterReport } from '../../murmurations/report';
import { DccError } from '../../errors';
import { CliError } from '../errors';

interface RegisterCommandOptions {
  baseUrl?: string;
  index?: string;
  out: string;
  json?: boolean;
}

/** `dcc murmurations register`; exit 3 when a profile was rejected or could not be registered or deleted. */
export const command = (): Command => new Command('murmurations')
  .description('publish the per-listing Murmurations profiles to a Murmurations index')
  .addCommand(new Command('register')
    .description('post new and changed profiles in OUT/public/murmurations/ to the index, and delete removed ones')
    .option('--base-url <url>', 'the https URL OUT/public/ is served at (default: $DCC_MURMURATIONS_BASE_URL)')
    .option('--index <url>', 'the index API, e.g. https://index.murmurations.network/v2 (default: $DCC_MURMURATIONS_INDEX, else the test index)')
    .option('--out <dir>', 'output folder holding public/ and cache/', 'out')
    .option('--json', 'print the result as JSON')
    .action(async (options: RegisterCommandOptions) => {
      const config = registerOptionsFromEnv(process.env, options.out, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.index ? { indexUrl: options.index } : {}),
      });
      if (!config) throw new CliError('pass --base-url URL: the https address where the public/ folder is served');
      const result = await registerProfiles(config).catch((error: unknown) => {
        throw error instanceof DccError ? error : new CliError(error instanceof Error ? error.message : String(error));
      });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatRegisterReport(result));
      if (result.needsAttention) process.exitCode = 3;
    }));

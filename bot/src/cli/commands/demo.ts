import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../errors';

interface DemoOptions {
  out: string;
  port: string;
  serve: boolean;
}

/** `npm start`: aggregate the bundled example sources into out/ and show them on the map. No credentials needed. */
export const command = (): Command =>
  new Command('demo')
    .description('aggregate the bundled example sources into out/ and serve the map on localhost')
    .option('--out <dir>', 'output folder', 'out')
    .option('--port <port>', 'port for the map (another is picked if taken)', '8080')
    .option('--no-serve', 'aggregate only')
    .action(async (options: DemoOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');
      const outDir = resolve(options.out);
      // The job pulls in googleapis: loaded by the commands that run it, never by `dcc --help`.
      const [{ runAggregate }, { REPO_ROOT, serveDemoMap }, { formatAggregateSummary }] = await Promise.all([
        import('../../jobs/aggregate'), import('../../serve/serve-demo-map'), import('../aggregate-summary')]);
      const result = await runAggregate({ registryPath: join(REPO_ROOT, 'examples', 'sources.csv'), outDir, waitMs: 30_000 });
      process.stdout.write(formatAggregateSummary(result));
      if (!options.serve) return;
      const server = await serveDemoMap(join(outDir, 'public'), port);
      process.stdout.write(`\nThe map is at ${server.url}  (Ctrl+C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          void server.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

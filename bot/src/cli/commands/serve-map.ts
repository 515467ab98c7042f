import { resolve } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../errors';

/** Serves the map site on localhost with a published folder (e.g. out/public) as its data. */
export const command = (): Command =>
  new Command('serve-map')
    .description('serve the map site on localhost with a published folder as its data')
    .option('--data <dir>', 'folder holding master.geojson', 'out/public')
    .option('--port <port>', 'port (another is picked if taken)', '8080')
    .action(async (options: { data: string; port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');
      const { serveDemoMap } = await import('../../serve/serve-demo-map');
      const server = await serveDemoMap(resolve(options.data), port);
      process.stdout.write(`The map is at ${server.url}  (Ctrl+C to stop)\n`);
      await new Promise<void>((done) => {
        process.once('SIGINT', () => void server.close().then(done));
        process.once('SIGTERM', () => void server.close().then(done));
      });
    });

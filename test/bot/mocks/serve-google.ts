/**
 * `npm run mock:google -- --port N --data DIR`: the mock Sheets and Drive APIs on 127.0.0.1, for
 * trying the bot without a Google account. Each subfolder of DIR is one spreadsheet (its name is
 * the spreadsheet id) and each CSV file in it one tab (the file's name is the tab's title). The
 * spreadsheets live in memory: what the bot writes is lost when the server stops.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import { startMockSheets } from './sheets-server';

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(argument('port') ?? '8085');
  const data = argument('data');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${argument('port')}`);
  const quota = process.argv.includes('--quota') ? { readsPerMinute: 60, writesPerMinute: 60 } : undefined;
  const server = await startMockSheets({ port, ...(quota ? { quota } : {}) });
  const ids: string[] = [];
  if (data) {
    for (const id of readdirSync(data).sort()) {
      const folder = join(data, id);
      if (!statSync(folder).isDirectory()) continue;
      const tabs: { [title: string]: string[][] } = {};
      for (const file of readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.csv')).sort()) {
        tabs[basename(file, file.slice(file.lastIndexOf('.')))] = parseCsv(readFileSync(join(folder, file), 'utf8'));
      }
      if (Object.keys(tabs).length === 0) tabs.Sheet1 = [];
      server.put(id, tabs);
      ids.push(`${id} (${Object.keys(tabs).join(', ')})`);
    }
  }
  process.stdout.write(`Mock Google Sheets API at ${server.url}${quota ? ' (60 reads and 60 writes per minute)' : ''}\n`
    + `Spreadsheets: ${ids.length ? ids.join('; ') : 'none (pass --data DIR)'}\n`
    + `Try: GOOGLE_API_ROOT_URL=${server.url} GOOGLE_API_KEY=any npx dcc aggregate --spreadsheet ID\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

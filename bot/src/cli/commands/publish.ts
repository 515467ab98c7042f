import { Command } from 'commander';

/** Rewrites DIR/public from the workbook's Master tab without reading the sources. */
export const command = (): Command =>
  new Command('publish')
    .description('write the public files (master.csv, master.geojson, master.json, murmurations/) from the workbook as it stands')
    .option('--out <dir>', 'output folder holding workbook/ (public/ is written there)', 'out')
    .option('--spreadsheet <id>', 'read the master from this Google spreadsheet instead')
    .option('--json', 'print the result as JSON')
    .action(async (options: { out: string; spreadsheet?: string; json?: boolean }) => {
      const { republish } = await import('../../jobs/publish');
      const files = await republish({
        outDir: options.out,
        ...(options.spreadsheet ? { workbook: { kind: 'google-sheet', spreadsheetId: options.spreadsheet } } : {}),
      });
      process.stdout.write(options.json ? `${JSON.stringify(files, null, 2)}\n`
        : `Published ${files.rows} rows (${files.features} on the map): ${files.csv}, ${files.geojson}, ${files.json}, ${files.murmurations.dir}\n`);
    });

// Bundles the `dcc` CLI into bot/dist/dcc.cjs: plain JavaScript, so the installed CLI starts without
// compiling TypeScript. Runs at `npm install` (the `prepare` script) and in `npm run build`.
// Packages stay outside the bundle (loaded from node_modules when required), so googleapis and
// Bolt are read only by the commands that import them. Beside the bundle, dcc.cjs.inputs.json lists
// the source files it was built from: bin/dcc.js runs the sources instead when one is newer.
// `--outfile FILE` builds elsewhere (the tests do); `--if-possible` (the install script) exits quietly
// when esbuild is absent, as after `npm install --omit=dev`: bin/dcc.js then runs the sources through tsx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const at = process.argv.indexOf('--outfile');
const outfile = resolve(at !== -1 && process.argv[at + 1] ? process.argv[at + 1] : join(here, 'dist', 'dcc.cjs'));

let build;
try {
  ({ build } = await import('esbuild'));
} catch (error) {
  if (!process.argv.includes('--if-possible')) throw error;
  console.log('bot: esbuild is not installed, so dcc will run its TypeScript sources through tsx');
  process.exit(0);
}

mkdirSync(dirname(outfile), { recursive: true });
const result = await build({
  entryPoints: [join(here, 'src', 'cli', 'index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The big packages stay outside (required from node_modules by the code that uses them); the small
  // packages go inside, since loading libphonenumber-js's hundred files one by one costs more than parsing them.
  external: ['googleapis', 'googleapis/*', '@slack/*', 'zipcodes', 'zod', 'tsx', 'esbuild'],
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .map((input) => relative(root, join(process.cwd(), input)).split('\\').join('/'))
  .filter((input) => !input.split('/').includes('node_modules'));
writeFileSync(`${outfile}.inputs.json`, `${JSON.stringify({ inputs }, null, 1)}\n`);
console.log(`bot: built ${relative(root, outfile)} from ${inputs.length} files`);

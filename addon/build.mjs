// Bundles the add-on into addon/dist/ for `clasp push`: Code.js (one script), sidebar.html and
// appsscript.json. Run through `npm run build` (scripts/build.mjs) or `node addon/build.mjs`.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const entry = join(here, 'src', 'index.ts');

// Every `globals.name = …` line in the entry is a function Apps Script must see as a top-level declaration.
const names = [...readFileSync(entry, 'utf8').matchAll(/^globals\.(\w+) = /gm)].map((match) => match[1]);
if (names.length === 0) throw new Error('addon/src/index.ts exposes no globals');

const bundle = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});

// Apps Script looks functions up by name at call time, which finds the bundle's assignment; the
// stubs exist so its editor, menus and google.script.run can see the names at all, and forward to
// the real function should the declaration itself ever be called.
const stubs = names.map((name) =>
  `function ${name}() {\n  return __dataCommons.call('${name}', this, arguments);\n}`).join('\n');
const prologue = `var __dataCommonsStubs = { ${names.map((name) => `${name}: ${name}`).join(', ')} };`;
const epilogue = `var __dataCommons = (function (stubs) {
  var real = {};
  Object.keys(stubs).forEach(function (name) { real[name] = globalThis[name]; });
  return {
    call: function (name, self, args) {
      var fn = real[name];
      if (typeof fn !== 'function' || fn === stubs[name]) throw new Error('Data Commons did not load: ' + name);
      return fn.apply(self, args);
    },
  };
})(__dataCommonsStubs);`;

const code = [
  '// Data Commons Sheets add-on. Built by addon/build.mjs from addon/src; edit the sources, not this file.',
  stubs,
  prologue,
  bundle.outputFiles[0].text,
  epilogue,
  '',
].join('\n');

// Each file is written aside and renamed into place, so a test reading dist/ while another
// process rebuilds it never sees half a file.
function publish(name, content) {
  const temporary = join(dist, `.${name}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, join(dist, name));
}

mkdirSync(dist, { recursive: true });
publish('Code.js', code);
publish('appsscript.json', readFileSync(join(here, 'appsscript.json')));
for (const file of readdirSync(join(here, 'src', 'ui')).filter((name) => name.endsWith('.html'))) {
  publish(file, readFileSync(join(here, 'src', 'ui', file)));
}
console.log(`addon: dist/Code.js (${(code.length / 1024).toFixed(0)} KB, ${names.length} globals)`);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util',
  'stream', 'events', 'buffer', 'worker_threads', 'zlib', 'readline', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', 'out/', 'coverage/', 'bench/data/', 'map-site/config.js',
    // The team's benchmark generator, vendored as it is so its output stays byte-identical.
    'bench/data-gen/gen-orgs.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A promise nobody awaits loses its error: type-aware, so it runs where the types are known.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Build scripts, the CLI's launcher and configs run in Node as plain JavaScript.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable',
      __dirname: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests feed control characters on purpose.
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The dedup engine has one front door (shared/dedup/index.ts); its stages may change shape
    // freely as long as that stays put. Only the engine itself and its own unit tests look inside.
    files: ['bot/**/*.ts', 'addon/**/*.ts', 'map-site/**/*.ts', 'bench/**/*.ts', 'test/bot/**/*.ts', 'test/addon/**/*.ts',
      'test/map-site/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: String.raw`^(\.\./)+shared/dedup/`, message: 'Import the dedup engine from shared/dedup (its index), not its stages.' },
        ],
      }],
    },
  },
  {
    // bot/ and addon/ never reach into the browser site.
    files: ['bot/**/*.ts', 'addon/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: String.raw`^(\.\./)+shared/dedup/`, message: 'Import the dedup engine from shared/dedup (its index), not its stages.' },
          { group: ['**/map-site/**', '**/map-site'], message: 'bot/ and addon/ never import the map site.' },
        ],
      }],
    },
  },
  {
    // shared/ runs unchanged in Node, Apps Script and the browser: no platform APIs, and nothing
    // from the parts that stand on it.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [
          { group: ['node:*'], message: 'shared/ must not use Node built-ins.' },
          { group: ['**/bot/**', '**/addon/**', '**/map-site/**', '**/test/**', '**/bench/**'], message: 'shared/ imports nothing outside shared/.' },
        ],
      }],
      // The add-on bundle targets ES2020, where esbuild lowers #private fields to WeakMap lookups:
      // in the dedup engine's hot loops that cost the add-on several times its compute budget.
      'no-restricted-syntax': ['error',
        { selector: 'PrivateIdentifier', message: 'Use TypeScript `private` in shared/: #fields are lowered to slow WeakMaps in the Apps Script bundle.' },
        // Module state outlives a call: two runs in one process (tests, the add-on's warm V8
        // instance) would see each other's leftovers. State belongs to an object passed in.
        { selector: 'Program > VariableDeclaration[kind=/^(let|var)$/]', message: 'No module-level mutable state in shared/: keep it in an object the caller owns.' },
        { selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind=/^(let|var)$/]', message: 'No module-level mutable state in shared/: keep it in an object the caller owns.' }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'window',
        'document', 'navigator', 'localStorage', 'fetch', 'SpreadsheetApp', 'HtmlService', 'PropertiesService',
        'CacheService', 'UrlFetchApp', 'LockService', 'Utilities', 'Logger', 'ScriptApp', 'Session'],
    },
  },
  {
    // A function that does not fit on a screen does several things: split it along its stages.
    files: ['shared/**/*.ts', 'bot/src/**/*.ts', 'addon/src/**/*.ts', 'map-site/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
);

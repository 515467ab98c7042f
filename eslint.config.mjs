import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util',
  'stream', 'events', 'buffer', 'worker_threads', 'zlib', 'readline', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', 'out/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Tests feed control characters on purpose.
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // shared/ runs unchanged in Node, Apps Script and the browser: no platform APIs.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [{ group: ['node:*'], message: 'shared/ must not use Node built-ins.' }],
      }],
      // The add-on bundle targets ES2020, where esbuild lowers #private fields to WeakMap lookups:
      // in the dedup engine's hot loops that cost the add-on several times its compute budget.
      'no-restricted-syntax': ['error', { selector: 'PrivateIdentifier', message: 'Use TypeScript `private` in shared/: #fields are lowered to slow WeakMaps in the Apps Script bundle.' }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'window',
        'document', 'navigator', 'localStorage', 'fetch', 'SpreadsheetApp', 'HtmlService', 'PropertiesService',
        'CacheService', 'UrlFetchApp', 'LockService', 'Utilities', 'Logger', 'ScriptApp', 'Session'],
    },
  },
);

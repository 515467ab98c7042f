#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx dcc` works right after `npm install`.
require('tsx/cjs');
require('../bot/src/cli/index.ts');

import type { Command } from 'commander';
import { command as validate } from './validate';
import { command as aggregate } from './aggregate';
import { command as publish } from './publish';
import { command as serveMap } from './serve-map';
import { command as demo } from './demo';
import { command as slack } from './slack';
import { command as dedupe } from './dedupe';
import { command as murmurations } from './murmurations';

/** Every subcommand, one file each; add new ones here. */
export const COMMANDS: ReadonlyArray<() => Command> = [validate, aggregate, publish, serveMap, demo, slack, dedupe, murmurations];

import type { Command } from 'commander';
import { command as validate } from './validate';

/** Every subcommand, one file each; add new ones here. */
export const COMMANDS: ReadonlyArray<() => Command> = [validate];

import { Command } from 'commander';
import { version } from '../../../package.json';
import { COMMANDS } from './commands';

/** Builds the `dcc` program; `exitOverride` lets tests run commands without ending the process. */
export function makeProgram(exitOverride = false): Command {
  const program = new Command('dcc')
    .description('Data Commons Sheets: validate, deduplicate, aggregate and map cooperative directories')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError();
  if (exitOverride) program.exitOverride();
  for (const make of COMMANDS) program.addCommand(make());
  return program;
}

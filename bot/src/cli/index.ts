import { makeProgram } from './program';
import { reportError } from './errors';

makeProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportError(error);
  });

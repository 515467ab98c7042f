/** Runs one aggregation in a child process, so a test can kill it mid-write. Args: registry, out. */
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from './key-deduper';

const [registryPath, outDir] = process.argv.slice(2);
runAggregate({ registryPath: registryPath as string, outDir: outDir as string, deduper: keyDeduper })
  .then(() => process.stdout.write('done\n'))
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });

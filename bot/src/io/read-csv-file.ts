import { readFile, stat } from 'node:fs/promises';
import { CsvError, parseCsv } from '../../../shared/read/csv';
import { CliError } from '../cli/errors';
import { decodeText } from './decode-text';

/** Larger files are almost certainly not a member directory; refusing keeps memory bounded. */
const MAX_BYTES = 512 * 1024 * 1024;

/** Reads a CSV file for a command, turning every way it can be unusable into one clear CliError (exit 2). */
export async function readCsvFile(path: string): Promise<string[][]> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path} is a folder, not a CSV file`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (size > MAX_BYTES) throw new CliError(`${path} is too large (${Math.round(size / 1048576)} MB; the limit is 512 MB)`);
  const buffer = await readFile(path);
  const { text } = decodeText(buffer);
  try {
    const rows = parseCsv(text);
    if (rows.length === 0) throw new CliError(`${path} is empty`);
    return rows;
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

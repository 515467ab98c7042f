/**
 * Reads a local registry file before anything else happens (no lock, no output folder): a
 * missing, unreadable, binary or empty registry is a usage problem (exit 2), never a run.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CsvError, parseCsv } from '../../../shared/read/csv';
import { decodeText } from '../io/decode-text';
import { describeFsError } from '../io/fs-errors';
import { readRegistry, type Registry } from './registry';

/** A registry that cannot be used at all. */
export class RegistryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryFileError';
  }
}

/** A registry is a short list of sources; anything bigger is not one. */
const MAX_REGISTRY_BYTES = 10 * 1024 * 1024;

export interface RegistryFile {
  readonly path: string;
  readonly rows: string[][];
  readonly registry: Registry;
}

export function readRegistryFile(file: string): RegistryFile {
  const path = resolve(file);
  let text: string;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new RegistryFileError(`registry ${path} is a folder, not a CSV file`);
    if (stat.size > MAX_REGISTRY_BYTES) throw new RegistryFileError(`registry ${path} is too large to be a registry (${Math.round(stat.size / 1048576)} MB)`);
    text = decodeText(readFileSync(path)).text;
  } catch (error) {
    if (error instanceof RegistryFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RegistryFileError(code === 'ENOENT' ? `registry not found: ${path}` : `cannot read the registry: ${describeFsError(error, path)}`);
  }
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new RegistryFileError(`registry ${path}: ${error.message}`);
    throw error;
  }
  const registry = readRegistry(rows);
  if (registry.entries.length === 0) throw new RegistryFileError(noUsableSources(registry));
  return { path, rows, registry };
}

/** An empty or unusable registry must never empty the master, so it stops the run before it starts. */
export function noUsableSources(registry: Registry): string {
  const why = registry.problems.slice(0, 3).map((problem) => `row ${problem.row}: ${problem.message}`).join('; ');
  return `the registry has no usable sources, so nothing was done${why ? ` (${why})` : ''}`;
}

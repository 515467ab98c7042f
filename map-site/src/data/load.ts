/** Fetches the configured data URL and parses it, turning every failure into a DataError. */
import { DataError, parseData } from './parse';
import type { Dataset } from './listing';

export async function loadDataset(url: string, fetchImpl: typeof fetch = fetch): Promise<Dataset> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { Accept: 'application/geo+json, application/json, text/csv, */*' } });
  } catch {
    throw new DataError('unreachable', `The listings could not be loaded: ${url} did not answer.`);
  }
  if (!response.ok) {
    const reason = response.status === 404 ? 'was not found' : `answered with an error (HTTP ${response.status})`;
    throw new DataError('http', `The listings could not be loaded: ${url} ${reason}.`);
  }
  const text = await response.text();
  performance.mark('dcc:fetched');
  const dataset = parseData(text);
  performance.measure('dcc:parse', 'dcc:fetched');
  return dataset;
}

/** Fetching the data file, every failure a DataError written for visitors. */
import { MAP_DATA_FILE } from '../../../shared/publish/map-data';
import { DataError } from './errors';

/** A site still configured for, or served beside, only the GeoJSON the bot published before the map format. */
const FALLBACK = 'master.geojson';

async function get(url: string, fetchImpl: typeof fetch): Promise<Response> {
  try {
    return await fetchImpl(url, { headers: { Accept: 'application/json, application/geo+json, text/csv, */*' } });
  } catch {
    throw new DataError('unreachable', `The listings could not be loaded: ${url} did not answer.`);
  }
}

/**
 * The text at `url` and the address it came from; a missing master.map.json falls back to
 * master.geojson beside it. Response.text() decodes as the body arrives, so the page does not
 * spend ~50 ms decoding 3 MB after the download as a TextDecoder would.
 */
export async function fetchData(url: string, fetchImpl: typeof fetch = fetch): Promise<{ text: string; url: string }> {
  let address = url;
  let response = await get(address, fetchImpl);
  const path = address.split(/[?#]/)[0] ?? '';
  if (response.status === 404 && (path === MAP_DATA_FILE || path.endsWith(`/${MAP_DATA_FILE}`))) {
    address = address.replace(MAP_DATA_FILE, FALLBACK);
    response = await get(address, fetchImpl);
  }
  if (!response.ok) {
    const reason = response.status === 404 ? 'was not found' : `answered with an error (HTTP ${response.status})`;
    throw new DataError('http', `The listings could not be loaded: ${address} ${reason}.`);
  }
  try {
    return { text: await response.text(), url: response.url || address };
  } catch {
    throw new DataError('unreachable', `The listings could not be loaded: ${address} stopped answering.`);
  }
}

/** JSON at `url`, or null on any failure: for the optional details file. */
export async function fetchJson(url: string, fetchImpl: typeof fetch = fetch): Promise<unknown> {
  try {
    const response = await fetchImpl(url, { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() as unknown : null;
  } catch {
    return null;
  }
}

/**
 * Murmurations registration as configured by the environment, for `dcc aggregate` (after a run)
 * and `dcc murmurations register` (defaults):
 *   DCC_MURMURATIONS_BASE_URL        where out/public/ is served; unset = aggregate does not register
 *   DCC_MURMURATIONS_INDEX           the index API (default: the Murmurations test index)
 *   DCC_MURMURATIONS_ALLOW_LOOPBACK  "yes" lets plain http to 127.0.0.1/localhost through (an index on this machine)
 */
import { TEST_INDEX, type RegisterOptions } from './register';

type Env = { readonly [name: string]: string | undefined };

export function registerOptionsFromEnv(env: Env, outDir: string, overrides: { baseUrl?: string; indexUrl?: string } = {}): RegisterOptions | undefined {
  const baseUrl = overrides.baseUrl ?? env.DCC_MURMURATIONS_BASE_URL;
  if (!baseUrl) return undefined;
  return {
    outDir, baseUrl, indexUrl: overrides.indexUrl ?? (env.DCC_MURMURATIONS_INDEX || TEST_INDEX),
    ...(env.DCC_MURMURATIONS_ALLOW_LOOPBACK?.toLowerCase() === 'yes' ? { allowLoopbackHttp: true } : {}),
  };
}

// `npm run build`: builds every deployable part. Each part owns its build script.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

for (const script of ['bot/build.mjs', 'addon/build.mjs', 'map-site/build.mjs']) {
  if (!existsSync(script)) continue;
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

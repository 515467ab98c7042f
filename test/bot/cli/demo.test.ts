import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../../helpers/temp-dir';

const root = resolve(__dirname, '../../..');

describe('dcc demo (npm start)', () => {
  it('aggregates the examples, serves the map with them and prints the URL', async () => {
    const scratch = makeTempDir('dcc-demo-');
    const dir = scratch.path;
    const child = spawn(process.execPath, [join(root, 'bin/dcc.js'), 'demo', '--port', '0', '--out', join(dir, 'out')], { cwd: root });
    try {
      const url = await new Promise<string>((done, fail) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /The map is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (match?.[1]) done(match[1]);
        });
        child.on('exit', (code) => fail(new Error(`demo exited with ${code}: ${output}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const data = await fetch(`${url}data/master.geojson`);
      const geojson = (await data.json()) as { type: string; features: unknown[] };
      expect(geojson.type).toBe('FeatureCollection');
      expect(geojson.features.length).toBeGreaterThan(40);
      const profiles = readdirSync(join(dir, 'out', 'public', 'murmurations'));
      expect(profiles).toContain('index.json');
      expect(profiles.filter((name) => /^dcc-\d+\.json$/.test(name)).length).toBeGreaterThan(40);
    } finally {
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGTERM');
      await exited;
      scratch.remove();
    }
  }, 60_000);
});

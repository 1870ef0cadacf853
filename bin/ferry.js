#!/usr/bin/env node
// The `ferry` command, run from the repository's TypeScript sources on Node 22 LTS.
// The sources are bundled with esbuild into a cache file (dependencies stay external), which starts
// several times faster than transpiling module by module; while no source changed, the cached bundle is used as is.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `ferry: Node ${process.versions.node} is too old (input)\n` +
      'hint: Ferry needs Node 22 LTS. From the repository run `source scripts/toolchain.sh` (it installs Node 22 into .toolchain), then try again.\n',
  );
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'ferry');

/** Every source the bundle is made of, by path, modification time and size: unchanged sources skip esbuild. */
function sourcesKey() {
  const h = createHash('sha1');
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|json)$/.test(e.name)) {
        const st = fs.statSync(p);
        h.update(`${path.relative(root, p)}:${st.mtimeMs}:${st.size}\n`);
      }
    }
  };
  for (const d of ['main', 'shared', 'test/simulators', 'test/peers']) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  h.update(fs.readFileSync(path.join(root, 'package.json')));
  return h.digest('hex').slice(0, 16);
}

const key = sourcesKey();
const byKey = path.join(cacheDir, `cli-src-${key}.mjs`);
if (!fs.existsSync(byKey)) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, 'main/cli/main.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    outfile: path.join(cacheDir, 'cli.mjs'),
  });
  // Written atomically: concurrent starts never import a half-written file.
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${byKey}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, byKey);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(byKey).href);

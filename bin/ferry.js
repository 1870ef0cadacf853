#!/usr/bin/env node
// The `ferry` command, run from the repository's TypeScript sources on Node 22 LTS.
// The sources are bundled with esbuild into a cache file (dependencies stay external), which starts
// several times faster than transpiling module by module.
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
const code = result.outputFiles[0].contents;
// Cached by content: unchanged sources reuse the file; concurrent starts write atomically.
const hash = createHash('sha1').update(code).digest('hex').slice(0, 16);
const out = path.join(cacheDir, `cli-${hash}.mjs`);
if (!fs.existsSync(out)) {
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, out);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(out).href);

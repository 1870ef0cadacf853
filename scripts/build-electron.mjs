#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/ (what electron-builder packs, with dist/renderer from
// `npm run build:renderer`):
// - dist/main/electron/main.js: ESM for Electron's Node; npm packages stay external like in bin/ferry.js (electron,
//   the native modules better-sqlite3 and keytar, and the rest from the app's node_modules);
// - dist/preload/index.cjs: CommonJS, self-contained but for `electron` (a sandboxed preload can require nothing
//   else). It needs only the operation names of the contract: they are read from shared/contract.ts here and
//   inlined, so zod and the schemas stay out of the preload.
import process from 'node:process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out <dir>` builds elsewhere than dist/ (the tests load the bundles from a temp folder).
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist');
const common = { bundle: true, sourcemap: 'linked', logLevel: process.argv.includes('--quiet') ? 'error' : 'info', absWorkingDir: root };

async function operationNames() {
  const cache = path.join(root, 'node_modules', '.cache', 'ferry');
  fs.mkdirSync(cache, { recursive: true });
  const file = path.join(cache, `contract-${process.pid}.mjs`);
  await build({ entryPoints: [path.join(root, 'shared/contract.ts')], outfile: file, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
  try {
    return (await import(pathToFileURL(file).href)).operationNames;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const names = await operationNames();
/** The preload's `import { operationNames } from '../shared/contract.js'` gets the names only. */
const contractNamesOnly = {
  name: 'contract-names-only',
  setup(b) {
    b.onResolve({ filter: /\/shared\/contract\.js$/ }, () => ({ path: 'contract', namespace: 'ferry-contract-names' }));
    b.onLoad({ filter: /.*/, namespace: 'ferry-contract-names' }, () => ({ contents: `export const operationNames = ${JSON.stringify(names)};`, loader: 'js' }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'main/electron/main.ts')],
    outfile: path.join(out, 'main/electron/main.js'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'preload/index.ts')],
    outfile: path.join(out, 'preload/index.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'chrome138',
    external: ['electron'],
    plugins: [contractNamesOnly],
  }),
]);

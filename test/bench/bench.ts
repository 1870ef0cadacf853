// npm run bench -- [--customers 20000 --devices 100000] [--json]     one-way (README "Benchmark")
// npm run bench -- --both [--customers 20000 --contacts 60000] [--json]   two-way
// The measured process runs Ferry as `ferry` does (bin/ferry.js): the sources bundled with esbuild, plain Node, no
// TypeScript loader in the process. This launcher builds the bundle and runs it; the figures are the bundle's.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const repo = path.resolve(import.meta.dirname, '../..');
const result = await build({
  entryPoints: [path.join(repo, 'test/bench/measure.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'error',
});
const code = result.outputFiles[0]!.contents;
const cacheDir = path.join(repo, 'node_modules', '.cache', 'ferry');
const out = path.join(cacheDir, `bench-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`);
if (!fs.existsSync(out)) {
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(`${out}.${process.pid}.tmp`, code);
  fs.renameSync(`${out}.${process.pid}.tmp`, out);
}
/** Runs the bundle once with these arguments; its stdout's last line is the result. */
const measure = (args: string[]) =>
  new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(process.execPath, [out, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FERRY_BENCH_REPO: repo } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.once('exit', (c) => (c === 0 ? resolve(JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, number>) : reject(new Error(`bench process exited with ${c}`))));
  });
const argv = process.argv.slice(2);
if (argv.includes('--both')) {
  // Each direction in a process of its own: neither run inherits the other's heap.
  const rest = argv.filter((a) => a !== '--both');
  const one = await measure([...rest, '--direction', 'to-right']);
  const both = await measure([...rest, '--direction', 'both']);
  const r = {
    bothDeltaMs: both['deltaMs']!,
    oneWayDeltaMs: one['deltaMs']!,
    bothRatio: Number((both['deltaMs']! / one['deltaMs']!).toFixed(2)),
    peakRssMb: Math.max(both['peakRssMb']!, one['peakRssMb']!),
    systemsRssMb: both['systemsRssMb']!,
  };
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  process.stdout.write(`${JSON.stringify(await measure(argv))}\n`);
}

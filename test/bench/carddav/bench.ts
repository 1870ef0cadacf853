// npm run bench:carddav -- [--first 1000] [--preloaded 5000] [--direction to-right|both] [--vdirsyncer-first] [--ferry-max-concurrent N] [--json]   (README "CardDAV benchmark")
//
// Ferry against vdirsyncer on a real Radicale, each tool as a whole process (`ferry run <pipeline>` as an admin
// would run it — node bin/ferry.js — against `vdirsyncer sync <pair>`), on separate but identical address-book pairs:
//   first  — a full address book (1 000 generated contacts) into an empty one, twice: once in each order of the two
//            tools, on fresh pairs (the tool that goes second was 8–10 % slower either way): the mean of the two;
//   noop   — a pair holding the same contacts (5 000) on both sides, nothing changed;
//   delta  — on that pair, 1 % of the cards changed, 0.5 % deleted and 0.5 % added on side a.
// Both tools reach Radicale only through a counting reverse proxy (./proxy.ts), so each step's HTTP requests are
// counted per tool. After every step both books of every pair are compared by content (./compare.ts): the run fails
// on any duplicate or lost card. Secrets go to the OS keychain: the npm script runs this under scripts/with-keyring.sh.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { uidForStamp } from '../../../main/connectors/carddav/index.js';
import { contactOf, newCard, parseCard, serializeCard } from '../../../main/connectors/carddav/vcard.js';
import { startRadicale, type RadicaleUser } from '../../peers/radicale.js';
import { assertSame } from './compare.js';
import { contacts, rng, vcard, type BenchContact } from './data.js';
import { cpuTimes, withCpuTimes } from './cpu.js';
import { startProxy } from './proxy.js';
import { haveVdirsyncer, vdirsyncer, writeConfig } from './vdirsyncer.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
};
const json = argv.includes('--json');
/** Runs vdirsyncer before Ferry in every step (default: Ferry first; the first sync's second round is the other way). */
const vdirFirst = argv.includes('--vdirsyncer-first');
/** The connections' `maxConcurrent` option (default: the connector's, 4). */
const ferryConcurrency = arg('ferry-max-concurrent', '');
const FIRST = Number(arg('first', '1000'));
const PRE = Number(arg('preloaded', '5000'));
// to-right by default: Ferry's two-way runs read both sides completely every time and take deletions only on full
// runs, so with `both` every measured Ferry run is a `--full` run (README "CardDAV benchmark").
const direction = arg('direction', 'to-right');
if (!['both', 'to-right'].includes(direction)) throw new Error('--direction is both or to-right');
const say = (s: string) => process.stderr.write(`${s}\n`);

type Step = 'first' | 'noop' | 'delta';
interface ToolFigures { firstMs: number; noopMs: number; deltaMs: number; requests: Record<Step, number>; firstRounds: number[] }

const user: RadicaleUser = { name: 'bench', password: 'bench-secret' };
const radicale = await startRadicale({ users: [user] });
const proxy = await startProxy(radicale.url);
const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'ferry-bench-carddav-'));
const root = path.join(radicale.dir, 'collections', 'collection-root', user.name);
const folder = (book: string) => path.join(root, book);
const viaProxy = (book: string) => new URL(`/${user.name}/${book}/`, proxy.url).toString();
const direct = (book: string) => new URL(`/${user.name}/${book}/`, radicale.url).toString();
const basic = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;

/** Bulk load: the .vcf files written straight into the collection folder (Radicale reads its storage per request). */
function load(book: string, cards: BenchContact[]): void {
  for (const c of cards) fs.writeFileSync(path.join(folder(book), `${c.uid}.vcf`), vcard(c));
}

/** One request straight to Radicale (not through the proxy), with node:http (fetch's parser trips over some of
 * Radicale's large multistatus answers). */
function dav(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { authorization: basic, ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      res.resume();
      res.once('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status !== 207) reject(new Error(`${method} ${url} answered ${status}`));
        else resolve(status);
      });
    });
    req.once('error', reject);
    req.end(body);
  });
}
const putCard = (url: string, text: string) => dav('PUT', url, text, { 'content-type': 'text/vcard; charset=utf-8' });

function ferry(args: string[], input?: string): Promise<{ ms: number; stdout: string; cpuMs: number }> {
  const t0 = performance.now();
  const [cmd, cmdArgs] = withCpuTimes(process.execPath, [path.join(repo, 'bin/ferry.js'), '--data-dir', path.join(work, 'ferry'), '--json', ...args]);
  const child = spawn(cmd, cmdArgs, {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FERRY_LOG_LEVEL: 'warn' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) =>
    child.once('close', (code) => {
      const ms = performance.now() - t0;
      const cpu = cpuTimes(stderr);
      if (code !== 0) reject(new Error(`ferry ${args.join(' ')} exited with ${code}: ${cpu.stderr.slice(-3000)}${stdout.slice(-2000)}`));
      else resolve({ ms, stdout, cpuMs: cpu.cpuMs });
    }),
  );
}

interface RunJson { status: string; entities?: Record<string, Record<string, number>>; items?: { action: string; message?: string | null }[] }

/** `ferry run <pipeline>`: the whole process timed; fails unless the run ended ok. */
async function ferryRun(pipeline: string): Promise<{ ms: number; counts: Record<string, number>; cpuMs: number }> {
  const r = await ferry(['run', pipeline, ...(direction === 'both' ? ['--full'] : [])]);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as RunJson & { summary?: RunJson };
  const run = out.summary ?? out;
  const counts = run.entities?.['contact'] ?? {};
  if (run.status !== 'ok') throw new Error(`ferry run ${pipeline} ended ${run.status}: ${JSON.stringify(counts)} ${r.stdout.slice(0, 1500)}`);
  return { ms: r.ms, counts, cpuMs: r.cpuMs };
}

/** Runs `fn` and answers its time and the requests the proxy forwarded meanwhile. */
async function measured(fn: () => Promise<number>): Promise<{ ms: number; requests: number; methods: string; busyMs: number }> {
  const before = proxy.count();
  const ms = await fn();
  const after = proxy.count();
  const methods = Object.entries(after.byMethod)
    .map(([k, v]) => [k, v - (before.byMethod[k] ?? 0)] as const)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v} (${round((after.msByMethod[k] ?? 0) - (before.msByMethod[k] ?? 0))} ms)`)
    .join(', ');
  return { ms, requests: after.total - before.total, methods, busyMs: after.busyMs - before.busyMs };
}

/** Radicale parses every card it has not seen into its cache on first access: do that for every book up front (straight
 * to Radicale, unmeasured), so neither tool's first step pays for the bulk load. */
async function warm(book: string): Promise<void> {
  const status = await dav('PROPFIND', direct(book), '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>', { depth: '1', 'content-type': 'application/xml; charset=utf-8' });
  if (status !== 207) throw new Error(`warming ${book}: PROPFIND answered ${status}`);
}

process.once('uncaughtException', (e) => {
  say(`bench:carddav FAILED: ${e.stack ?? e.message}`);
  void radicale.stop().finally(() => {
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(1);
  });
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void radicale.stop().finally(() => {
      fs.rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

const round = (n: number) => Math.round(n);
let exitCode = 0;
try {
  // ---- address books: per tool a "first" pair and a "preloaded" pair ----
  const pairs = ['first', 'first2', 'pre'] as const;
  const books = (['ferry', 'vdir'] as const).flatMap((tool) => pairs.flatMap((p) => [`${tool}-${p}-a`, `${tool}-${p}-b`]));
  for (const b of books) await radicale.makeAddressBook(user, b);
  // ---- Ferry, configured as an admin would: four connections, two contact-only pipelines ----
  for (const b of books.filter((x) => x.startsWith('ferry-'))) {
    await ferry(['connections', 'add', '--kind', 'carddav', '--name', b, '--url', viaProxy(b), '--username', user.name, '--secret-stdin', ...(ferryConcurrency ? ['--option', `maxConcurrent=${ferryConcurrency}`] : [])], user.password);
  }
  const pipelineArgs = (name: string, l: string, r: string) => [
    'pipelines', 'add', '--name', name, '--left', l, '--right', r,
    '--entity', `contact:${direction}`, '--match', 'contact=external-id', '--delete', 'contact=propagate',
    ...(direction === 'both' ? ['--conflict', 'contact=left-wins'] : []),
    '--delete-guard', '100,1000000',
  ];
  await ferry(pipelineArgs('first', 'ferry-first-a', 'ferry-first-b'));
  await ferry(pipelineArgs('first2', 'ferry-first2-a', 'ferry-first2-b'));
  const preloaded = JSON.parse((await ferry(pipelineArgs('preloaded', 'ferry-pre-a', 'ferry-pre-b'))).stdout) as { id: string };

  const firstSet = contacts(FIRST, 1, 'first');
  const preSet = contacts(PRE, 2, 'pre');
  for (const b of ['ferry-first-a', 'vdir-first-a', 'ferry-first2-a', 'vdir-first2-a']) load(b, firstSet);
  for (const b of ['ferry-pre-a', 'vdir-pre-a', 'vdir-pre-b']) load(b, preSet);
  // Ferry matches unlinked contacts by its own stamp only (external-id: it has no content key for contacts), so its
  // side b holds the same contacts as the cards Ferry itself would have created for them (its vCard writer, its
  // UID and X-FERRY-STAMP for this pipeline): the linking run then links them without writing. Loading them through
  // a Ferry run instead would be 5 000 PUTs, and Radicale's cost per new card grows with the collection.
  for (const c of preSet) {
    const stamp = `ferry:${preloaded.id}:contact:${direction === 'both' ? 'left:' : ''}/${user.name}/ferry-pre-a/${c.uid}.vcf`;
    const uid = uidForStamp(stamp);
    fs.writeFileSync(path.join(folder('ferry-pre-b'), `${uid}.vcf`), serializeCard(newCard(contactOf(parseCard(vcard(c))!), { uid, stamp, version: '3.0' })));
  }
  const tw = performance.now();
  for (const b of books) await warm(b);
  say(`warmed Radicale's cache in ${round(performance.now() - tw)} ms`);
  say(`radicale ${radicale.url} (storage ${root}), proxy ${proxy.url}: first ${FIRST}, preloaded ${PRE} contacts per book`);

  // ---- vdirsyncer: one config, a pair per address-book pair; `discover` once (unmeasured: it only fills the status) ----
  const vdir = haveVdirsyncer();
  let config = '';
  if (vdir) {
    config = writeConfig(path.join(work, 'vdirsyncer'), [
      { name: 'first', a: viaProxy('vdir-first-a'), b: viaProxy('vdir-first-b') },
      { name: 'first2', a: viaProxy('vdir-first2-a'), b: viaProxy('vdir-first2-b') },
      { name: 'pre', a: viaProxy('vdir-pre-a'), b: viaProxy('vdir-pre-b') },
    ], user.name, user.password);
    await vdirsyncer(config, ['discover']);
  } else {
    say('vdirsyncer is not installed (apt-get install vdirsyncer): measuring Ferry only');
  }

  type Pair = (typeof pairs)[number];
  const check = (step: string, tool: 'ferry' | 'vdir', pair: Pair, n: number) => assertSame(`${step} (${tool})`, folder(`${tool}-${pair}-a`), folder(`${tool}-${pair}-b`), n);
  const F = {} as ToolFigures;
  const V = {} as ToolFigures;
  F.requests = {} as ToolFigures['requests'];
  V.requests = {} as ToolFigures['requests'];
  F.firstRounds = [];
  V.firstRounds = [];

  /** One step for both tools (in the order asked for), each measured and checked; `key` null = unmeasured. */
  const step = async (label: string, pair: Pair, expected: number, key: 'firstMs' | 'noopMs' | 'deltaMs' | null, reversed = false) => {
    const tools: ('ferry' | 'vdir')[] = vdir ? (vdirFirst !== reversed ? ['vdir', 'ferry'] : ['ferry', 'vdir']) : ['ferry'];
    for (const tool of tools) {
      let counts: Record<string, number> | null = null;
      let cpuMs = NaN;
      const m = await measured(async () => {
        const x = tool === 'vdir' ? await vdirsyncer(config, ['sync', pair]) : await ferryRun(pair === 'pre' ? 'preloaded' : pair);
        if ('counts' in x) counts = x.counts;
        cpuMs = x.cpuMs;
        return x.ms;
      });
      say(`${label.padEnd(12)} ${(tool === 'vdir' ? 'vdirsyncer' : 'ferry').padEnd(11)} ${round(m.ms)} ms (Radicale busy ${round(m.busyMs)} ms, the tool's CPU ${cpuMs} ms), ${m.requests} requests [${m.methods}]${counts ? ` ${JSON.stringify(counts)}` : ''}${key ? '' : ' (not part of the figures)'}`);
      const skipped = (counts as Record<string, number> | null)?.['skipped'] ?? 0;
      if (skipped > 0) {
        throw new Error(`${label} (ferry): the run skipped ${skipped} contact(s). The engine writes a contact only when its customer is linked, unless the target's contacts stand alone (capability \`standalone\`, which one-way runs honour and two-way runs do not yet): with --direction both a contact-only pipeline between two address books needs that engine change.`);
      }
      check(label, tool, pair, expected);
      const f = tool === 'vdir' ? V : F;
      if (key === 'firstMs') {
        // The mean over both orders; the requests of the first round.
        f.firstRounds.push(m.ms);
        f.firstMs = f.firstRounds.reduce((a, b) => a + b, 0) / f.firstRounds.length;
        f.requests.first ??= m.requests;
      } else if (key) {
        f[key] = m.ms;
        f.requests[key.replace('Ms', '') as Step] = m.requests;
      }
    }
  };

  // ---- 1. first sync: FIRST cards into an empty book, once in each order ----
  await step('first sync', 'first', FIRST, 'firstMs');
  await step('first sync', 'first2', FIRST, 'firstMs', true);
  // ---- linking the preloaded pairs (unmeasured): each tool's first run on them learns the pairs ----
  await step('linking', 'pre', PRE, null);
  // ---- 2. no-op ----
  await step('no-op', 'pre', PRE, 'noopMs');

  // ---- 3. 1 % delta on side a: the same edits in both tools' a books, made straight on Radicale ----
  const r = rng(3);
  const order = preSet.map((c) => ({ c, k: r() })).sort((x, y) => x.k - y.k).map((x) => x.c);
  const nChange = Math.round(PRE * 0.01);
  const nDelete = Math.round(PRE * 0.005);
  const changed = order.slice(0, nChange).map((c, i) => ({ ...c, family: `${c.family}-Schulze`, tel: `+49 40 ${7_000_000 + i}` }));
  const deleted = order.slice(nChange, nChange + nDelete);
  const added = contacts(nDelete, 4, 'added');
  for (const tool of vdir ? ['ferry', 'vdir'] : ['ferry']) {
    const book = `${tool}-pre-a`;
    for (const c of changed) await putCard(`${direct(book)}${c.uid}.vcf`, vcard(c));
    for (const c of deleted) await dav('DELETE', `${direct(book)}${c.uid}.vcf`);
    for (const c of added) await putCard(`${direct(book)}${c.uid}.vcf`, vcard(c));
  }
  await step('1 % delta', 'pre', PRE - nDelete + added.length, 'deltaMs');

  const fig = (x: ToolFigures) => ({ firstMs: round(x.firstMs), noopMs: round(x.noopMs), deltaMs: round(x.deltaMs), requests: x.requests, firstRoundsMs: x.firstRounds.map(round) });
  const result = { ferry: fig(F), vdirsyncer: vdir ? fig(V) : null, sizes: { first: FIRST, preloaded: PRE, deltaChanged: nChange, deltaDeleted: nDelete, deltaAdded: added.length }, direction };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const lines = [`Ferry (direction ${direction}) against vdirsyncer on Radicale; whole processes, wall-clock ms; requests = HTTP requests of that step`];
    for (const [k, label] of [['firstMs', 'first sync'], ['noopMs', 'no-op'], ['deltaMs', '1 % delta']] as const) {
      lines.push(`${label.padEnd(11)} ferry ${String(result.ferry[k]).padStart(7)} ms   vdirsyncer ${vdir ? String(result.vdirsyncer![k]).padStart(7) : '      –'} ms`);
    }
    lines.push(`requests    ferry ${JSON.stringify(F.requests)}   vdirsyncer ${vdir ? JSON.stringify(V.requests) : '–'}`);
    lines.push(`first sync  ferry ${F.firstRounds.map(round).join(' ms, ')} ms   vdirsyncer ${vdir ? `${V.firstRounds.map(round).join(' ms, ')} ms` : '–'}   (round 1 ${vdirFirst ? 'vdirsyncer' : 'Ferry'} first, round 2 the other way)`);
    if (vdir) {
      const t = [
        ['first sync no slower than vdirsyncer × 1.1', F.firstMs <= V.firstMs * 1.1],
        ['no-op at least 10× faster than vdirsyncer', F.noopMs * 10 <= V.noopMs],
        ['1 % delta at least 1.1× faster than vdirsyncer', F.deltaMs * 1.1 <= V.deltaMs],
      ] as const;
      lines.push('targets:', ...t.map(([s, ok]) => `  ${ok ? 'met    ' : 'NOT MET'}  ${s}`));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} catch (e) {
  say(`bench:carddav FAILED: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await proxy.stop();
  await radicale.stop();
  await fsp.rm(work, { recursive: true, force: true });
}
process.exitCode = exitCode;

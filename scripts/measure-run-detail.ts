// Measures how fast the run-detail screen becomes usable with 100 000 run items, in Debian's Chromium against the
// real engine host. A measurement, not a test: run it by hand and read the figures.
//
//   node --import tsx scripts/measure-run-detail.ts [--items 100000] [--as-served]
//
// It builds the renderer when it is missing or older than its sources, fills a temp data folder (two connections,
// one paused pipeline, one run with N items written through the store), starts the engine host serving
// dist/renderer, opens the UI with the host's token and prints JSON:
//   interactiveMs  page load of #/runs/<id> (from navigation start) until the first row is visible
//   apiMs          runs.show alone, called from Node (the server's and the transfer's share of the above)
//   afterResponseMs from the last byte of runs.show to the first visible row (the screen's own share)
//   inAppMs        from the status screen to the first visible row, navigating inside the app
//   scrollToEndMs  from jumping to the end of the list until its last row is rendered
//   scrollFrames   frame times (p50/p95/max) over 120 frames: idle, wheel-like (120 px a frame) and jumping a whole
//                  window a frame (dragging the scroll bar) — smoothness
//   searchMs       from typing an id into the search until the list shows just that record
// runs.show hands out only the first 1000 items of a run (RunsRepo.items' default limit); to measure the screen
// with all N items the script lifts that limit in its own process. --as-served measures what the API serves today.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import type { AppContext } from '../main/app/context.js';
import { allFactories } from '../main/connectors/registry.js';
import { createNullLogger } from '../main/log/index.js';
import { createMemoryStore } from '../main/secrets/index.js';
import { startEngineHost } from '../main/service/host.js';
import { openStore, SqliteSyncState } from '../main/store/index.js';
import type { EntityName } from '../shared/entities.js';
import type { PipelineConfig, RunItem } from '../shared/model.js';

const repo = path.resolve(import.meta.dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--items') ?? 100_000);
const asServed = process.argv.includes('--as-served');
const RUN_ID = 'run-measure';

function buildRenderer(): string {
  // Builds only when dist/renderer is missing or older than renderer/ and shared/.
  execFileSync('bash', [path.join(repo, 'scripts/build-renderer.sh')], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = path.join(repo, 'dist/renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('the renderer build did not produce dist/renderer/index.html');
  return dir;
}

const config: PipelineConfig = {
  entities: {
    customer: { direction: 'to-right', match: 'number', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true },
    device: { direction: 'to-left', match: 'number', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true },
  },
  schedule: { everyMinutes: 60, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: {} },
  deleteGuard: { percent: 10, max: 50 },
};

/** A realistic mix: mostly updates with a few changed fields, some creates, skips, conflicts and failures. */
function item(i: number): Omit<RunItem, 'id'> {
  const entity: EntityName = i % 3 === 0 ? 'device' : 'customer';
  const kind = i % 20;
  const leftId = `${entity === 'device' ? 'D' : 'C'}-${100000 + i}`;
  const rightId = `${20000 + i}`;
  if (kind === 0) return { entity, action: 'created', targetSide: 'right', leftId, rightId, reason: 'new on the source', category: null, before: null, after: { name: `Kunde ${i} GmbH`, number: String(10000 + i), city: 'Berlin', phone: `030 ${i}` } };
  if (kind === 1) return { entity, action: 'skipped', targetSide: 'right', leftId, rightId: null, reason: 'customer not synchronized yet', category: null, before: null, after: null };
  if (kind === 2) return { entity, action: 'failed', targetSide: 'right', leftId, rightId, reason: 'Zabbix refused the host name — rename it in c-entron', category: 'data', before: null, after: null };
  if (kind === 3) return { entity, action: 'conflict', targetSide: null, leftId, rightId, reason: 'changed on both sides since the last sync', category: null, before: { name: `Kunde ${i} AG`, city: 'Hamburg' }, after: { name: `Kunde ${i} GmbH`, city: 'Berlin' } };
  return { entity, action: 'updated', targetSide: 'right', leftId, rightId, reason: 'changed on the source', category: null, before: { name: `Kunde ${i}`, phone: `030 ${i}`, city: 'Berlin' }, after: { name: `Kunde ${i} GmbH`, phone: `030 ${i}`, city: 'Berlin' } };
}

async function main(): Promise<void> {
  const staticDir = buildRenderer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-measure-'));
  const store = openStore(dataDir);
  const now = new Date().toISOString();
  store.connections.insert({ id: 'L', kind: 'centron', name: 'erp', url: 'https://erp.example/api', username: 'api', options: {}, enabled: true, createdAt: now, modifiedAt: now });
  store.connections.insert({ id: 'R', kind: 'zabbix', name: 'rmm', url: 'https://rmm.example/api_jsonrpc.php', username: 'api', options: {}, enabled: true, createdAt: now, modifiedAt: now });
  // Paused: the host's scheduler must not start a real run against these made-up systems.
  store.pipelines.insert({ id: 'P', name: 'erp-rmm', leftId: 'L', rightId: 'R', config, paused: true, createdAt: now, modifiedAt: now, activatedAt: now });
  store.runs.start({ id: RUN_ID, pipelineId: 'P', trigger: 'manual', mode: 'full', scope: { dryRun: false }, startedAt: now });
  const state = new SqliteSyncState(store.db, 'P', () => now);
  const counts = { customer: { created: 0, updated: 0, deleted: 0, unchanged: 5000, skipped: 0, conflicts: 0, failed: 0 }, device: { created: 0, updated: 0, deleted: 0, unchanged: 2000, skipped: 0, conflicts: 0, failed: 0 } };
  const key = { created: 'created', updated: 'updated', deleted: 'deleted', skipped: 'skipped', conflict: 'conflicts', failed: 'failed' } as const;
  state.tx(() => {
    for (let i = 0; i < N; i++) {
      const it = item(i);
      state.addItem(RUN_ID, it);
      counts[it.entity as 'customer' | 'device'][key[it.action]]++;
    }
  });
  store.runs.finish(RUN_ID, { status: 'partial', finishedAt: new Date(Date.parse(now) + 185_000).toISOString(), counts, error: null });

  if (!asServed) {
    const items = store.runs.items.bind(store.runs);
    store.runs.items = (runId: string, limit = 1_000_000, offset = 0) => items(runId, limit, offset);
  }
  const ctx: AppContext = { dataDir, store, secrets: createMemoryStore(), log: createNullLogger(), factories: new Map(allFactories.map((f) => [f.kind, f])), now: () => new Date() };
  const host = await startEngineHost(ctx, { staticDir, reloadMs: 600_000 });
  const token = fs.readFileSync(host.tokenFile, 'utf8').trim();
  // The API's share: runs.show over HTTP from Node (read, validate, serialise, transfer, parse).
  const a0 = performance.now();
  const res = await fetch(`${host.url}/api/runs.show`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: RUN_ID }) });
  const text = await res.text();
  const apiMs = performance.now() - a0;
  const payloadMB = Math.round((Buffer.byteLength(text) / 1e6) * 10) / 10;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const firstRow = '[data-testid="run-item-row"]';
    const rowVisible = () =>
      page.waitForFunction(
        (sel) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          return !!r && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        },
        firstRow,
        { polling: 'raf', timeout: 120_000 },
      );

    // The token comes in the address once; the app keeps it for the tab and shows the status screen.
    await page.goto(`${host.url}/#token=${token}`);
    await page.waitForSelector('[data-testid="screen-status"]', { timeout: 60_000 });

    // Inside the app: status screen → run detail.
    const t0 = await page.evaluate((id) => {
      const t = performance.now();
      window.location.hash = `#/runs/${id}`;
      return t;
    }, RUN_ID);
    await rowVisible();
    const inAppMs = (await page.evaluate(() => performance.now())) - t0;

    // A fresh page load straight into the run (JS start-up, fetching and parsing all items, first paint of rows).
    await page.goto('about:blank');
    await page.goto(`${host.url}/#/runs/${RUN_ID}`, { waitUntil: 'commit' });
    await rowVisible();
    const interactiveMs = await page.evaluate(() => performance.now());
    // The browser's share after the data arrived: parse, filter set-up, first render.
    const responseEnd = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith('/api/runs.show'))?.responseEnd ?? null);
    const served = Number(await page.getAttribute('[data-testid="run-items"]', 'aria-rowcount')) - 1;
    const rendered = await page.locator(firstRow).count();

    // Jump to the end: the last row must be rendered.
    const t1 = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="run-items"]')!;
      const t = performance.now();
      el.scrollTop = el.scrollHeight;
      return t;
    });
    await page.waitForSelector(`[data-testid="run-item-row"][data-index="${served - 1}"]`, { timeout: 60_000 });
    const scrollToEndMs = (await page.evaluate(() => performance.now())) - t1;

    // Smoothness: time the frames while scrolling, one step per frame. "jump" moves a whole new window of rows
    // into view every frame (dragging the scroll bar), "wheel" 120 px per frame; "idle" is the frame clock alone.
    const frameTimes = (step: number | 'jump') =>
      page.evaluate(async (step) => {
        const el = document.querySelector<HTMLElement>('[data-testid="run-items"]')!;
        const by = step === 'jump' ? Math.max(1, Math.floor(el.scrollHeight / 120)) : step;
        const times: number[] = [];
        let last = performance.now();
        for (let i = 0; i < 120; i++) {
          if (by > 0) el.scrollTop = el.scrollTop - by < 0 ? el.scrollHeight : el.scrollTop - by;
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          const t = performance.now();
          times.push(t - last);
          last = t;
        }
        return times;
      }, step);
    const stats = (frames: number[]) => {
      const sorted = [...frames].sort((a, b) => a - b);
      const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
      return { frames: frames.length, p50Ms: pct(50), p95Ms: pct(95), maxMs: pct(100) };
    };
    const idle = stats(await frameTimes(0));
    const jump = stats(await frameTimes('jump'));
    const wheel = stats(await frameTimes(120));

    // Search for one record by id.
    const target = item(served - 7).leftId!;
    const t2 = await page.evaluate(() => performance.now());
    await page.fill('[data-testid="run-search"]', target);
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, firstRow, { polling: 'raf', timeout: 60_000 });
    const searchMs = (await page.evaluate(() => performance.now())) - t2;

    const round = (n: number) => Math.round(n);
    console.log(
      JSON.stringify(
        {
          items: N,
          servedItems: served,
          limitLifted: !asServed,
          renderedRows: rendered,
          interactiveMs: round(interactiveMs),
          apiMs: round(apiMs),
          afterResponseMs: responseEnd === null ? null : round(interactiveMs - responseEnd),
          payloadMB,
          inAppMs: round(inAppMs),
          scrollToEndMs: round(scrollToEndMs),
          scrollFrames: { idle, wheel, jump },
          searchMs: round(searchMs),
          pageErrors,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await host.stop();
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ENGINE_LEASE } from '../../main/service/client.js';
import { connectRemote } from '../../main/tray/remote-api.js';
import { EngineLink } from '../../main/tray/engine.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { appContext } from '../support/app-context.js';
import { standinPipeline } from './fixtures.js';

const repo = path.resolve(import.meta.dirname, '../..');
const hostOptions = { host: { reloadMs: 3_600_000 } };

/** Resolves with the first progress event for which `until` holds; collects all of them in `events`. */
function collect(link: EngineLink, until: (e: ProgressEvent) => boolean): { events: ProgressEvent[]; reached: Promise<void>; off: () => void } {
  const events: ProgressEvent[] = [];
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const off = link.onProgress((e) => {
    events.push(e);
    if (until(e)) reach();
  });
  return { events, reached, off };
}

/** `ferry serve` on a data folder, in its own process: another engine host, as a second admin's Ferry would be. */
async function serve(dataDir: string): Promise<{ url: string; p: ChildProcess; stop(): Promise<void> }> {
  const p = spawn(process.execPath, [path.join(repo, 'bin/ferry.js'), 'serve', '--data-dir', dataDir, '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    readline.createInterface({ input: p.stdout! }).once('line', (l) => resolve(JSON.parse(l) as { url: string }));
    p.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  return {
    url: info.url,
    p,
    async stop() {
      p.kill('SIGTERM');
      await exited;
    },
  };
}

describe('the tray\'s engine link', () => {
  it('is the engine host when none runs: operations in-process, progress of its own runs and of other clients\' runs', async () => {
    const ctx = appContext('ferry-link-host-');
    const pipe = await standinPipeline(ctx, 'west');
    const link = new EngineLink(ctx, hostOptions);
    try {
      expect(await link.connect()).toBe('host');
      expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await link.call('pipelines.list', {})).map((p) => p.name)).toEqual(['west']);
      await expect(link.call('pipelines.show', { name: '' })).rejects.toMatchObject({ category: 'input' });

      // A run started through the link (the window's IPC) reports to the link.
      const mine = collect(link, (e) => e.phase === 'done');
      const r1 = await link.call('runs.start', { pipeline: 'west', trigger: 'tray' });
      await mine.reached;
      mine.off();
      expect(r1.status).toBe('ok');
      expect(mine.events.every((e) => e.runId === r1.run)).toBe(true);

      // A run another client starts over this host's loopback API reaches the link through the host's event stream.
      const theirs = collect(link, (e) => e.phase === 'done');
      const token = fs.readFileSync(path.join(ctx.dataDir, 'service-token'), 'utf8').trim();
      const r2 = await connectRemote({ url: link.url!, token }).call('runs.start', { pipeline: 'west', mode: 'full' });
      await theirs.reached;
      theirs.off();
      expect(theirs.events.length).toBeGreaterThan(0);
      expect(theirs.events.every((e) => e.runId === r2.run && e.pipelineId === pipe.id)).toBe(true);
    } finally {
      await link.stop();
      ctx.store.close();
    }
  });

  it('is a client of another process\'s engine host, and takes over when that host stops', async () => {
    const ctx = appContext('ferry-link-client-');
    await standinPipeline(ctx, 'east');
    const other = await serve(ctx.dataDir);
    const link = new EngineLink(ctx, hostOptions);
    let otherStopped = false;
    try {
      expect(await link.connect()).toBe('client');
      expect(link.url).toBe(other.url);
      expect((await link.call('pipelines.list', {})).map((p) => p.name)).toEqual(['east']);
      await expect(link.call('pipelines.show', { name: 'nope' })).rejects.toMatchObject({ category: 'not-found', hint: expect.stringMatching(/\S/) });

      // The other host runs the pipeline; its progress reaches this tray.
      const seen = collect(link, (e) => e.phase === 'done');
      const r = await link.call('runs.start', { pipeline: 'east', trigger: 'tray' });
      await seen.reached;
      seen.off();
      expect(r.status).toBe('ok');
      expect(seen.events.every((e) => e.runId === r.run)).toBe(true);
      expect(await link.check()).toBe('client');

      await other.stop();
      otherStopped = true;
      expect(await link.check()).toBe('host');
      expect(link.url).not.toBe(other.url);
      expect((await link.call('runs.list', { pipeline: 'east' })).map((x) => x.run)).toContain(r.run);
    } finally {
      await link.stop();
      if (!otherStopped) await other.stop();
      ctx.store.close();
    }
  });

  it('waits while another holder has not published its address, then becomes the host once the lease is free', async () => {
    const ctx = appContext('ferry-link-none-');
    // A holder that has taken the lease but serves nothing yet (as a host does between the two steps).
    expect(ctx.store.leases.tryAcquire(ENGINE_LEASE, 'starting-host', 'host')).toBe(true);
    const link = new EngineLink(ctx, hostOptions);
    try {
      expect(await link.connect()).toBe('none');
      expect(link.lastError).toMatchObject({ category: 'busy' });
      await expect(link.call('kinds.list', {})).rejects.toMatchObject({ category: 'busy' });
      ctx.store.leases.release(ENGINE_LEASE, 'starting-host');
      expect(await link.check()).toBe('host');
      expect((await link.call('kinds.list', {})).length).toBeGreaterThan(0);
    } finally {
      await link.stop();
      ctx.store.close();
    }
  });
});

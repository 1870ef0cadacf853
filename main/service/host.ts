import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { FerryError } from '../../shared/errors.js';
import type { RunResult } from '../../shared/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import type { OpEnv } from '../app/operations.js';
import type { AppContext } from '../app/context.js';
import { executeRun } from '../app/runs.js';
import { writePrivateFile } from '../datadir/private-file.js';
import { missedTrigger } from '../scheduler/schedule.js';
import { RunQueue } from '../scheduler/queue.js';
import { Scheduler, type TimerPort } from '../scheduler/scheduler.js';
import type { Trigger } from '../scheduler/trigger.js';
import { startService } from './server.js';
import { rendererDir } from './static.js';
import { ENGINE_LEASE, tokenFile } from './client.js';

export interface EngineHost {
  url: string;
  /** The operations of this host, for an in-process caller (the tray's IPC): same queue and event fan-out as HTTP. */
  env: OpEnv;
  tokenFile: string;
  scheduler: Scheduler;
  /** Resolves when no run is running or queued (for tests and a clean shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The engine host of a data folder: holds the engine lease (one scheduler per data folder), runs the scheduler and
 * a run queue (one run per pipeline at a time, triggers coalesce), and serves the operations on 127.0.0.1.
 */
export async function startEngineHost(ctx: AppContext, opts: { port?: number; reloadMs?: number; timers?: TimerPort; staticDir?: string | null } = {}): Promise<EngineHost> {
  const holder = `host:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  if (!ctx.store.leases.tryAcquire(ENGINE_LEASE, holder, 'host')) {
    const other = ctx.store.leases.live(ENGINE_LEASE);
    throw new FerryError('busy', `Another Ferry engine host runs on this data folder (pid ${other?.pid ?? '?'}${other?.endpoint ? ` at ${other.endpoint}` : ''}).`, 'Use that one (the CLI talks to it by itself), or stop it first.');
  }
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit = (e: ProgressEvent) => events.emit('progress', e);

  const queue = new RunQueue<RunResult>(async (t: Trigger) =>
    executeRun(ctx, { pipeline: t.pipelineId, mode: t.mode, entities: t.entities, trigger: t.reason, waitMs: 6 * 3600_000 }, emit),
  );
  const scheduler = new Scheduler({
    ...(opts.timers ? { timers: opts.timers } : {}),
    onTrigger: (t: Trigger) => {
      void queue.enqueue(t).catch((e: unknown) => ctx.log.error({ pipeline: t.pipelineId, err: (e as Error).message }, 'scheduled run failed'));
    },
  });

  // The operations as every client of this host calls them: progress of any run reaches every listener once.
  const env: OpEnv = {
    ctx,
    emit,
    // Manual runs with their own options wait for the pipeline's turn through the run lock.
    startRun: (input, em) =>
      executeRun(ctx, { ...input, waitMs: 6 * 3600_000 }, (e) => {
        emit(e);
        if (em !== emit) em(e);
      }),
  };
  const token = crypto.randomBytes(32).toString('base64url');
  const tf = tokenFile(ctx.dataDir);
  await writePrivateFile(tf, token);
  const service = await startService({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    token,
    staticDir: opts.staticDir === undefined ? rendererDir() : opts.staticDir,
    env,
    subscribe: (l) => {
      events.on('progress', l);
      return () => events.off('progress', l);
    },
  });
  ctx.store.leases.setEndpoint(ENGINE_LEASE, holder, service.url);

  // Schedules follow the pipelines table; a missed run (sleep, restart) happens once.
  const known = new Map<string, string>();
  const sync = (initial: boolean) => {
    const rows = ctx.store.pipelines.list();
    const ids = new Set(rows.map((r) => r.id));
    for (const id of known.keys()) if (!ids.has(id)) { scheduler.remove(id); known.delete(id); }
    for (const p of rows) {
      const sig = `${p.modifiedAt}|${p.paused}`;
      if (known.get(p.id) === sig) continue;
      known.set(p.id, sig);
      const schedule = { ...p.config.schedule, activatedAt: p.activatedAt };
      scheduler.set(p.id, schedule, { paused: p.paused });
      if (initial && !p.paused) {
        const last = ctx.store.runs.last(p.id, { realOnly: true });
        const missed = missedTrigger(schedule, last ? new Date(last.startedAt) : null, ctx.now());
        if (missed) void queue.enqueue({ pipelineId: p.id, mode: missed.mode, entities: missed.entities, reason: 'missed' }).catch(() => undefined);
      }
    }
  };
  sync(true);
  const reload = setInterval(() => sync(false), opts.reloadMs ?? 10_000);
  const beat = setInterval(() => {
    if (!ctx.store.leases.heartbeat(ENGINE_LEASE, holder)) {
      ctx.log.error({}, 'engine lease lost: stopping the scheduler');
      scheduler.stop();
    }
  }, 5_000);
  ctx.log.info({ url: service.url }, 'engine host started');
  return {
    url: service.url,
    env,
    tokenFile: tf,
    scheduler,
    idle: () => queue.idle(),
    async stop() {
      clearInterval(reload);
      clearInterval(beat);
      scheduler.stop();
      await queue.idle();
      await service.close();
      ctx.store.leases.release(ENGINE_LEASE, holder);
      fs.rmSync(tf, { force: true });
    },
  };
}

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../../main/app/context.js';
import { connections } from '../../main/app/connections.js';
import { pipelines } from '../../main/app/pipelines.js';
import { RmmStandinState } from '../../main/demo/rmm-standin.js';
import type { StatusReport } from '../../shared/contract.js';
import type { RunSummary } from '../../shared/model.js';
import { zeroCounts } from '../../shared/progress.js';
import type { TrayState } from '../../main/tray/menu.js';

type PipelineStatus = StatusReport['pipelines'][number];
type Health = StatusReport['connections'][number]['health'];

export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const minutesAgo = (m: number): string => new Date(NOW.getTime() - m * 60_000).toISOString();

export function run(over: Partial<RunSummary> & { run: string }): RunSummary {
  return {
    pipeline: 'p',
    pipelineId: 'P',
    mode: 'delta',
    dryRun: false,
    trigger: 'schedule',
    status: 'ok',
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    durationMs: 60_000,
    entities: {},
    error: null,
    ...over,
  };
}

export function pipeline(id: string, over: Partial<PipelineStatus> = {}): PipelineStatus {
  return { pipeline: `name-${id}`, id, paused: false, lastRun: null, nextRuns: [], connections: [], problems: [], ...over };
}

export function status(pipelines: PipelineStatus[], connections: { name: string; health: Health }[] = []): StatusReport {
  return { at: NOW.toISOString(), needsAttention: false, pipelines, connections: connections.map((c) => ({ ...c, kind: 'centron' })) };
}

export function trayState(s: StatusReport | null, over: Partial<TrayState> = {}): TrayState {
  return { status: s, error: null, running: [], openConflicts: {}, now: NOW, ...over };
}

export const failedCounts = (failed: number) => ({ ...zeroCounts(), failed });

/**
 * Two RMM stand-in connections (JSON files in the data folder) and a pipeline copying customers from the first to
 * the second: a real pipeline that runs without any server.
 */
export async function standinPipeline(ctx: AppContext, name: string, customers = 3): Promise<{ name: string; id: string }> {
  const src = path.join(ctx.dataDir, `${name}-left.json`);
  const dst = path.join(ctx.dataDir, `${name}-right.json`);
  const left = new RmmStandinState();
  for (let i = 1; i <= customers; i++) left.groups.set(left.id(), { name: `${name} customer ${i}` });
  left.save(src);
  new RmmStandinState().save(dst);
  await connections.create(ctx, { kind: 'rmm-standin', name: `${name}-left`, url: pathToFileURL(src).href }, { allowHidden: true });
  await connections.create(ctx, { kind: 'rmm-standin', name: `${name}-right`, url: pathToFileURL(dst).href }, { allowHidden: true });
  const p = pipelines.create(ctx, { name, left: `${name}-left`, right: `${name}-right`, entities: [{ entity: 'customer', direction: 'to-right' }] });
  return { name, id: p.id };
}

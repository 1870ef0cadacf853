import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { callOperation, type OpEnv } from '../../main/app/operations.js';
import { trayIconState } from '../../main/tray/menu.js';
import { TrayModel, type Call } from '../../main/tray/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { appContext } from '../support/app-context.js';
import { standinPipeline } from './fixtures.js';

/** A model over the real operations of a fresh data folder; runs report their progress to the model. */
async function setup(names: string[]) {
  const ctx = appContext('ferry-tray-model-');
  const ids: Record<string, string> = {};
  for (const n of names) ids[n] = (await standinPipeline(ctx, n)).id;
  const env: OpEnv = { ctx, emit: (e) => void model.onProgress(e) };
  let before: ((op: string) => void) | null = null;
  const call: Call = async (op, input) => {
    before?.(op);
    return callOperation(env, op, input);
  };
  const model = new TrayModel(call, () => new Date('2025-01-01T00:00:00Z'));
  return { ctx, ids, model, setBefore: (f: ((op: string) => void) | null) => (before = f) };
}

const event = (runId: string, pipelineId: string, phase: ProgressEvent['phase']): ProgressEvent => ({ runId, pipelineId, phase, entity: 'customer', side: null, processed: 0, total: null, counts: null, message: null });

function conflict(ctx: AppContext, pipelineId: string, leftId: string) {
  ctx.store.conflicts.upsertOpen({ pipelineId, entity: 'customer', leftId, rightId: `r${leftId}`, left: { name: 'a' }, right: { name: 'b' }, base: null, reason: 'changed on both sides', at: new Date().toISOString() });
}

describe('the tray model', () => {
  it('reads the status and counts the conflicts still waiting for a decision per pipeline', async () => {
    const { ctx, ids, model } = await setup(['alpha', 'beta']);
    conflict(ctx, ids['alpha']!, '1');
    conflict(ctx, ids['alpha']!, '2');
    conflict(ctx, ids['beta']!, '3');
    // Decided but not yet written by the next run: no longer waiting for anyone.
    const decided = ctx.store.conflicts.list({ pipelineId: ids['beta']! })[0]!;
    ctx.store.conflicts.resolve(decided.id, 'left', null, new Date().toISOString());
    const s = await model.refresh();
    expect(s.status?.pipelines.map((p) => p.pipeline)).toEqual(['alpha', 'beta']);
    expect(s.openConflicts).toEqual({ [ids['alpha']!]: 2 });
    expect(s.error).toBeNull();
    expect(trayIconState(s)).toBe('attention');
    ctx.store.close();
  });

  it('"Sync all now" runs every pipeline that is not paused, as tray runs, and shows their results', async () => {
    const { ctx, ids, model } = await setup(['alpha', 'beta', 'gamma']);
    await callOperation({ ctx }, 'pipelines.pause', { name: 'beta' });
    await model.refresh();
    const result = await model.perform({ kind: 'sync-all' });
    expect(result.started.sort((a, b) => a.pipeline.localeCompare(b.pipeline))).toEqual([
      { pipeline: 'alpha', status: 'ok' },
      { pipeline: 'gamma', status: 'ok' },
    ]);
    expect(result.failed).toEqual([]);
    const runs = await callOperation({ ctx }, 'runs.list', {});
    expect(runs.map((r) => [r.pipeline, r.trigger]).sort()).toEqual([
      ['alpha', 'tray'],
      ['gamma', 'tray'],
    ]);
    // Finished runs are no longer "in progress" once the state is read again.
    const s = model.state;
    expect(s.running).toEqual([]);
    expect(s.status?.pipelines.find((p) => p.id === ids['alpha'])?.lastRun?.status).toBe('ok');
    expect(s.status?.pipelines.find((p) => p.id === ids['beta'])?.lastRun).toBeNull();
    ctx.store.close();
  });

  it('syncs one pipeline by name, paused or not, and reports a run that cannot start', async () => {
    const { ctx, model } = await setup(['alpha', 'beta']);
    await callOperation({ ctx }, 'pipelines.pause', { name: 'alpha' });
    await callOperation({ ctx }, 'connections.disable', { name: 'beta-left' });
    await model.refresh();
    expect(await model.perform({ kind: 'sync', pipeline: 'alpha' })).toMatchObject({ started: [{ pipeline: 'alpha', status: 'ok' }], failed: [] });
    const r = await model.perform({ kind: 'sync', pipeline: 'beta' });
    expect(r.started).toEqual([]);
    expect(r.failed).toEqual([{ pipeline: 'beta', error: expect.objectContaining({ category: 'state', hint: expect.stringContaining('enable') }) }]);
    ctx.store.close();
  });

  it('pauses and resumes every pipeline', async () => {
    const { ctx, model } = await setup(['alpha', 'beta']);
    await callOperation({ ctx }, 'pipelines.pause', { name: 'beta' });
    await model.refresh();
    expect(await model.perform({ kind: 'pause-all' })).toMatchObject({ changed: ['alpha'] });
    expect(model.state.status?.pipelines.every((p) => p.paused)).toBe(true);
    expect(trayIconState(model.state)).toBe('paused');
    expect(await model.perform({ kind: 'resume-all' })).toMatchObject({ changed: ['alpha', 'beta'] });
    expect(model.state.status?.pipelines.some((p) => p.paused)).toBe(false);
    await expect(model.perform({ kind: 'quit' })).rejects.toThrow(/shell/);
    ctx.store.close();
  });

  it('a run is in progress from its first event until a refresh that began after its last event finds it finished', async () => {
    const { ctx, ids, model, setBefore } = await setup(['alpha', 'beta']);
    const a = ids['alpha']!;
    const b = ids['beta']!;
    await model.refresh();
    // A run row that is still running (another process runs it) stays in progress across refreshes.
    ctx.store.runs.start({ id: 'run_live', pipelineId: a, trigger: 'schedule', mode: 'delta', scope: {}, startedAt: new Date().toISOString() });
    expect(model.onProgress(event('run_live', a, 'read'))).toBe(false);
    expect(model.state.running).toEqual([a]);
    expect(trayIconState(model.state)).toBe('syncing');
    expect((await model.refresh()).running).toEqual([a]);
    // Its 'done' asks for a refresh; the finished row then ends it.
    expect(model.onProgress(event('run_live', a, 'done'))).toBe(true);
    ctx.store.runs.finish('run_live', { status: 'ok', finishedAt: new Date().toISOString(), counts: {}, error: null });
    // An event that arrives while a refresh is reading is kept until the next refresh.
    setBefore((op) => {
      if (op === 'status.get') model.onProgress(event('run_unknown', b, 'read'));
    });
    expect((await model.refresh()).running).toEqual([b]);
    setBefore(null);
    // A run the database does not know (long gone) is not shown forever.
    expect((await model.refresh()).running).toEqual([]);
    expect(trayIconState(model.state)).toBe('idle');
    ctx.store.close();
  });

  it('refreshes requested during a refresh coalesce into one more', async () => {
    const { ctx, model, setBefore } = await setup(['alpha']);
    const reads: string[] = [];
    setBefore((op) => {
      if (op === 'status.get') reads.push(op);
    });
    const first = model.refresh();
    const second = model.refresh();
    const third = model.refresh();
    await Promise.all([first, second, third]);
    expect(reads.length).toBe(2);
    ctx.store.close();
  });

  it('keeps the last state and says why when the engine cannot be reached', async () => {
    const { ctx, model, setBefore } = await setup(['alpha']);
    await model.refresh();
    setBefore(() => {
      throw new Error('connection refused');
    });
    const s = await model.refresh();
    expect(s.error).toMatch(/connection refused/);
    expect(s.status?.pipelines).toHaveLength(1);
    expect(trayIconState(s)).toBe('attention');
    setBefore(null);
    expect((await model.refresh()).error).toBeNull();
    ctx.store.close();
  });
});

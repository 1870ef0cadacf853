// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { applyProgress, emptyLive, endRuns, fraction } from '../../renderer/src/screens/status/liveProgress.js';
import { finishedRunIds, lastPerEntity } from '../../renderer/src/screens/status/statusData.js';

const ev = (e: Partial<ProgressEvent>): ProgressEvent => ({ runId: 'r1', pipelineId: 'P1', phase: 'read', entity: 'customer', side: 'left', processed: 0, total: null, counts: null, message: null, ...e });
const zero = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };

describe('live progress', () => {
  it('keeps the latest event per run and entity, and the counts so far when an event carries none', () => {
    let s = applyProgress(emptyLive, ev({ phase: 'apply', processed: 5, total: 10, counts: { ...zero, created: 5 } }));
    s = applyProgress(s, ev({ phase: 'apply', processed: 7, total: 10 }));
    s = applyProgress(s, ev({ entity: 'device', processed: 1 }));
    s = applyProgress(s, ev({ runId: 'r2', pipelineId: 'P2', phase: 'queued', entity: null }));
    expect(s.runs.map((r) => r.runId)).toEqual(['r1', 'r2']);
    expect(s.runs[0]!.entities.map((e) => [e.entity, e.processed, e.counts?.created ?? null])).toEqual([
      ['customer', 7, 5],
      ['device', 1, null],
    ]);
    expect(s.runs[1]!.entities).toEqual([]);
  });

  it('drops a run on its final "done" or when a refetch shows it finished, and ignores late events for it', () => {
    let s = applyProgress(emptyLive, ev({}));
    s = applyProgress(s, ev({ runId: 'r2' }));
    s = applyProgress(s, ev({ phase: 'done', entity: null }));
    expect(s.runs.map((r) => r.runId)).toEqual(['r2']);
    s = applyProgress(s, ev({ phase: 'apply' }));
    expect(s.runs.map((r) => r.runId)).toEqual(['r2']);
    s = endRuns(s, ['r2', 'other']);
    expect(s.runs).toEqual([]);
    expect(endRuns(s, ['x'])).toBe(s);
  });

  it('tells determinate from indeterminate progress', () => {
    expect(fraction({ phase: 'read', processed: 5, total: null })).toBeNull();
    expect(fraction({ phase: 'apply', processed: 5, total: 20 })).toBe(0.25);
    expect(fraction({ phase: 'apply', processed: 0, total: 0 })).toBe(1);
    expect(fraction({ phase: 'done', processed: 0, total: null })).toBe(1);
  });

  it('knows finished runs from the runs list and the last runs', () => {
    const r = (run: string, status: RunSummary['status']) => ({ run, status }) as RunSummary;
    expect(finishedRunIds([r('a', 'running'), r('b', 'ok')], [r('c', 'failed'), null])).toEqual(['b', 'c']);
  });

  it('finds each entity\'s last real sync across entity-specific runs', () => {
    const r = (run: string, startedAt: string, entities: string[], over: Partial<RunSummary> = {}) =>
      ({ run, pipelineId: 'P1', startedAt, status: 'ok', dryRun: false, entities: Object.fromEntries(entities.map((e) => [e, zero])), ...over }) as RunSummary;
    const runs = [r('new', '2025-03-01T10:00:00Z', ['device']), r('dry', '2025-03-01T09:30:00Z', ['customer'], { dryRun: true }), r('old', '2025-03-01T09:00:00Z', ['customer', 'device'])];
    expect(lastPerEntity(['customer', 'device', 'ticket'], 'P1', runs, null).map((x) => [x.entity, x.run?.run ?? null])).toEqual([
      ['customer', 'old'],
      ['device', 'new'],
      ['ticket', null],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../shared/model.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { dismissed, failed, finished, fraction, isRunning, progressed, started, type LiveRuns } from '../../renderer/src/screens/pipelines/live-runs.js';
import { intervalOptions, scheduleFormOf, scheduleProblems, scheduleUpdate, totalCounts } from '../../renderer/src/screens/pipelines/pipeline-logic.js';

const now = new Date('2025-03-05T10:00:00.000Z');
const ev = (o: Partial<ProgressEvent>): ProgressEvent => ({ runId: 'r1', pipelineId: 'p1', phase: 'read', entity: 'customer', side: 'left', processed: 0, total: null, counts: null, message: null, ...o });
const zero = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };

describe('live runs', () => {
  it('follows a run started here from "starting" through progress to its result', () => {
    let s: LiveRuns = started({}, 'p1', { mode: 'delta', customer: null, customerLabel: null }, now);
    expect(s['p1']!.state).toBe('starting');
    s = progressed(s, ev({ processed: 10, total: 40 }), now);
    s = progressed(s, ev({ runId: 'r9', pipelineId: 'p2' }), now);
    expect(s['p1']).toMatchObject({ state: 'running', runId: 'r1' });
    expect(fraction(s['p1']!.entities[0]!)).toBe(0.25);
    s = progressed(s, ev({ phase: 'done', processed: 40, total: 40, message: null }), now);
    s = progressed(s, ev({ entity: 'device', phase: 'done', total: null, message: 'Zabbix refused. Check the rights.' }), now);
    expect(s['p1']!.entities.map((e) => [e.entity, e.phase, e.message])).toEqual([
      ['customer', 'done', null],
      ['device', 'done', 'Zabbix refused. Check the rights.'],
    ]);
    expect(isRunning(s['p1']!, null)).toBe(true);
    s = finished(s, 'p1', { run: 'r1', pipeline: 'x', pipelineId: 'p1', mode: 'delta', dryRun: false, trigger: 'manual', status: 'partial', startedAt: '', finishedAt: '', durationMs: 1, entities: {}, error: null });
    expect(isRunning(s['p1']!, null)).toBe(false);
    expect(s['p2']!.request).toBeNull();
    expect(Object.keys(dismissed(s, 'p1'))).toEqual(['p2']);
  });

  it('a run started elsewhere ends when the status reports it finished; a failed start keeps its error', () => {
    let s = progressed({}, ev({ runId: 'sched', phase: 'read', total: null }), now);
    expect(fraction(s['p1']!.entities[0]!)).toBeUndefined();
    expect(isRunning(s['p1']!, { run: 'older', finishedAt: '2025-03-05T09:00:00Z' })).toBe(true);
    expect(isRunning(s['p1']!, { run: 'sched', finishedAt: '2025-03-05T10:01:00Z' })).toBe(false);
    s = started(s, 'p1', { mode: 'full', customer: null, customerLabel: null }, now);
    s = failed(s, 'p1', new ApiError('busy', 'The pipeline is being run by another process.', 'Wait.'));
    expect(s['p1']).toMatchObject({ state: 'failed', request: { mode: 'full' } });
    expect(s['p1']!.error!.category).toBe('busy');
  });
});

describe('schedule form', () => {
  const p = { name: 'P', config: { schedule: { everyMinutes: 15, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: {} } } } as unknown as Pipeline;
  it('sends only what changed; clearing the time means no daily full sync', () => {
    const f = scheduleFormOf(p);
    expect(scheduleUpdate(p, f)).toBeNull();
    expect(scheduleUpdate(p, { ...f, everyMinutes: '', fullAt: '' })).toEqual({ name: 'P', everyMinutes: null, fullAt: null });
    expect(scheduleUpdate(p, { ...f, timeZone: 'UTC' })).toEqual({ name: 'P', timeZone: 'UTC' });
    expect(scheduleProblems({ ...f, fullAt: '24:00' })).toEqual({ fullAt: 'schedule.fullAtInvalid' });
    expect(intervalOptions(45)).toEqual([5, 15, 30, 45, 60]);
    expect(totalCounts({ customer: { ...zero, created: 2 }, device: { ...zero, created: 1, failed: 3 } })).toEqual({ ...zero, created: 3, failed: 3 });
  });
});

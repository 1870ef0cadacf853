import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFerryError } from '../../shared/errors.js';
import { Scheduler, type ScheduledTrigger } from '../../main/scheduler/scheduler.js';
import type { PipelineSchedule } from '../../main/scheduler/schedule.js';
import { ManualTimers } from './manual-timers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function schedule(partial: Partial<PipelineSchedule>): PipelineSchedule {
  return { everyMinutes: null, fullAt: null, timeZone: 'Europe/Berlin', entityEvery: {}, activatedAt: '2026-03-02T08:00:00Z', ...partial };
}

interface Fired extends ScheduledTrigger {
  at: string;
}

function setup(start = '2026-03-02T08:00:00Z', opts: { onTrigger?: (t: ScheduledTrigger) => unknown } = {}) {
  const timers = new ManualTimers(start);
  const fired: Fired[] = [];
  const errors: unknown[] = [];
  const log = { debug: () => {}, info: () => {}, warn: () => {}, error: (obj: Record<string, unknown>) => errors.push(obj['err']) };
  const scheduler = new Scheduler({
    timers,
    log,
    onTrigger: (t) => {
      fired.push({ ...t, at: timers.now().toISOString() });
      return opts.onTrigger?.(t);
    },
  });
  return { timers, fired, errors, scheduler };
}

describe('Scheduler', () => {
  it('fires each interval run at its time and re-arms from the schedule', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:03:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 15 }));
    expect(fired).toEqual([]);
    timers.advanceTo('2026-03-02T09:00:00Z');
    expect(fired.map((f) => f.at)).toEqual(['2026-03-02T08:15:00.000Z', '2026-03-02T08:30:00.000Z', '2026-03-02T08:45:00.000Z', '2026-03-02T09:00:00.000Z']);
    expect(fired[0]).toMatchObject({ pipelineId: 'p1', mode: 'delta', entities: null, reason: 'schedule' });
    // Only the next instant is armed, plus the watchdog.
    expect(timers.size).toEqual({ timers: 1, intervals: 1 });
  });

  it('does not drift: a week of 5-minute runs stays on the grid anchored at the activation', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:00:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 5, activatedAt: '2026-03-02T07:58:30Z' }));
    timers.advanceTo('2026-03-09T08:00:00Z');
    expect(fired).toHaveLength(7 * 24 * 12);
    for (const f of fired) expect((Date.parse(f.at) - Date.parse('2026-03-02T07:58:30Z')) % (5 * MIN)).toBe(0);
  });

  it('runs the daily full sync on wall-clock time across the spring-forward night, once', () => {
    const { timers, fired, scheduler } = setup('2026-03-27T12:00:00Z');
    scheduler.set('p1', schedule({ fullAt: '02:30' }));
    timers.advanceTo('2026-03-31T12:00:00Z');
    expect(fired.map((f) => [f.at, f.mode])).toEqual([
      ['2026-03-28T01:30:00.000Z', 'full'],
      ['2026-03-29T01:00:00.000Z', 'full'], // 02:30 does not exist: 03:00 CEST
      ['2026-03-30T00:30:00.000Z', 'full'],
      ['2026-03-31T00:30:00.000Z', 'full'],
    ]);
  });

  it('jobs due at the same instant fire as one trigger: full wins, entities unite', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:00:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 15, fullAt: '10:00', entityEvery: { device: 45 } })); // 10:00 CET = 09:00Z
    timers.advanceTo('2026-03-02T09:00:00Z');
    expect(fired.map((f) => [f.at, f.mode, f.entities])).toEqual([
      ['2026-03-02T08:15:00.000Z', 'delta', ['customer', 'contact', 'contract', 'ticket', 'invoice']],
      ['2026-03-02T08:30:00.000Z', 'delta', ['customer', 'contact', 'contract', 'ticket', 'invoice']],
      ['2026-03-02T08:45:00.000Z', 'delta', null], // interval + device at once = every entity
      ['2026-03-02T09:00:00.000Z', 'full', null], // full + interval
    ]);
  });

  it('pause keeps the next run times known; resume continues from now without catching up', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:00:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 15 }));
    scheduler.pause('p1');
    timers.advanceTo('2026-03-02T09:05:00Z');
    expect(fired).toEqual([]);
    const view = scheduler.next('p1');
    expect(view).toMatchObject({ pipelineId: 'p1', paused: true, pausedBy: 'pipeline' });
    expect(view.runs.map((r) => r.at.toISOString())).toEqual(['2026-03-02T09:15:00.000Z']);
    scheduler.resume('p1');
    expect(fired).toEqual([]);
    timers.advanceTo('2026-03-02T09:15:00Z');
    expect(fired.map((f) => [f.at, f.reason])).toEqual([['2026-03-02T09:15:00.000Z', 'schedule']]);
    expect(scheduler.next('p1')).toMatchObject({ paused: false, pausedBy: null });
  });

  it('set() keeps the paused state unless told otherwise', () => {
    const { timers, fired, scheduler } = setup();
    scheduler.set('p1', schedule({ everyMinutes: 15 }), { paused: true });
    scheduler.set('p1', schedule({ everyMinutes: 5 }));
    timers.advanceBy(HOUR);
    expect(fired).toEqual([]);
    scheduler.set('p1', schedule({ everyMinutes: 5 }), { paused: false });
    timers.advanceBy(10 * MIN);
    expect(fired).toHaveLength(2);
  });

  it('pauseAll/resumeAll hold every pipeline; one paused by itself stays paused', () => {
    const { timers, fired, scheduler } = setup();
    scheduler.set('a', schedule({ everyMinutes: 15 }));
    scheduler.set('b', schedule({ everyMinutes: 30 }));
    scheduler.set('c', schedule({ everyMinutes: 15 }));
    scheduler.pause('c');
    scheduler.pauseAll();
    expect(scheduler.pausedAll).toBe(true);
    expect(scheduler.next('a')).toMatchObject({ paused: true, pausedBy: 'global' });
    expect(scheduler.next('c')).toMatchObject({ paused: true, pausedBy: 'pipeline' });
    timers.advanceBy(2 * HOUR);
    expect(fired).toEqual([]);
    scheduler.resumeAll();
    timers.advanceBy(30 * MIN);
    expect(fired.map((f) => `${f.pipelineId}@${f.at}`).sort()).toEqual(['a@2026-03-02T10:15:00.000Z', 'a@2026-03-02T10:30:00.000Z', 'b@2026-03-02T10:30:00.000Z']);
  });

  it('after a restart, a run missed while Ferry was down happens once, right away', () => {
    const { timers, fired, scheduler } = setup('2026-03-03T07:00:00Z');
    // The last run started yesterday evening; the 23:55 full run and many interval runs were missed.
    scheduler.set('p1', schedule({ everyMinutes: 15, fullAt: '23:55' }), { lastRunAt: new Date('2026-03-02T20:00:00Z') });
    expect(fired).toEqual([{ pipelineId: 'p1', mode: 'full', entities: null, reason: 'missed', at: '2026-03-03T07:00:00.000Z' }]);
    timers.advanceTo('2026-03-03T07:15:00Z');
    expect(fired.map((f) => [f.at, f.reason])).toEqual([
      ['2026-03-03T07:00:00.000Z', 'missed'],
      ['2026-03-03T07:15:00.000Z', 'schedule'],
    ]);
  });

  it('no catch-up run when nothing was missed, when paused, or when a schedule is merely edited', () => {
    const { fired, scheduler } = setup('2026-03-03T06:59:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 15 }), { lastRunAt: new Date('2026-03-03T06:45:00.020Z') });
    scheduler.set('p2', schedule({ everyMinutes: 15 }), { lastRunAt: new Date('2026-03-02T06:00:00Z'), paused: true });
    scheduler.set('p3', schedule({ everyMinutes: 15 }));
    expect(fired).toEqual([]);
  });

  it('after the machine slept through runs, the watchdog fires one missed run, then the grid continues', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:00:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 15, entityEvery: { device: 45 } }));
    timers.advanceTo('2026-03-02T08:20:00Z');
    expect(fired.map((f) => f.at)).toEqual(['2026-03-02T08:15:00.000Z']);
    timers.sleep(3 * HOUR); // wakes at 11:20; timers have not run meanwhile
    timers.advanceBy(MIN); // the watchdog looks at the wall clock within a minute
    expect(fired.slice(1)).toEqual([{ pipelineId: 'p1', mode: 'delta', entities: null, reason: 'missed', at: expect.stringMatching(/^2026-03-02T11:2[01]/) }]);
    timers.advanceTo('2026-03-02T12:00:00Z');
    expect(fired.slice(2).map((f) => [f.at, f.reason, f.entities])).toEqual([
      ['2026-03-02T11:30:00.000Z', 'schedule', ['customer', 'contact', 'contract', 'ticket', 'invoice']],
      ['2026-03-02T11:45:00.000Z', 'schedule', null],
      ['2026-03-02T12:00:00.000Z', 'schedule', ['customer', 'contact', 'contract', 'ticket', 'invoice']],
    ]);
  });

  it('a clock set back does not fire early; the run happens when the wall clock reaches its time', () => {
    const { timers, fired, scheduler } = setup('2026-03-02T08:00:00Z');
    scheduler.set('p1', schedule({ everyMinutes: 60 })); // next: 09:00
    timers.advanceTo('2026-03-02T08:30:00Z');
    timers.setClock('2026-03-02T07:30:00Z'); // back one hour; the timer still has 30 minutes to go
    timers.advanceTo('2026-03-02T08:59:00Z');
    expect(fired).toEqual([]);
    timers.advanceTo('2026-03-02T09:00:00Z');
    expect(fired.map((f) => [f.at, f.reason])).toEqual([['2026-03-02T09:00:00.000Z', 'schedule']]);
  });

  it('a failing or rejecting trigger handler is logged and does not stop the schedule', async () => {
    let n = 0;
    const { timers, fired, errors, scheduler } = setup('2026-03-02T08:00:00Z', {
      onTrigger: () => {
        n++;
        if (n === 1) throw new Error('sync boom');
        if (n === 2) return Promise.reject(new Error('async boom'));
        return undefined;
      },
    });
    scheduler.set('p1', schedule({ everyMinutes: 15 }));
    timers.advanceTo('2026-03-02T08:45:00Z');
    await Promise.resolve();
    expect(fired).toHaveLength(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync boom', 'async boom']);
  });

  it('remove() and stop() cancel every timer; unknown pipelines are not-found', () => {
    const { timers, fired, scheduler } = setup();
    scheduler.set('p1', schedule({ everyMinutes: 15 }));
    scheduler.set('p2', schedule({ everyMinutes: 15 }));
    expect(scheduler.remove('p1')).toBe(true);
    expect(scheduler.remove('p1')).toBe(false);
    timers.advanceBy(15 * MIN);
    expect(fired.map((f) => f.pipelineId)).toEqual(['p2']);
    scheduler.stop();
    expect(timers.size).toEqual({ timers: 0, intervals: 0 });
    timers.advanceBy(HOUR);
    expect(fired).toHaveLength(1);
    for (const call of [() => scheduler.next('p1'), () => scheduler.pause('p1'), () => scheduler.resume('nope')]) {
      try {
        call();
        throw new Error('no error');
      } catch (e) {
        expect(isFerryError(e) && e.category).toBe('not-found');
      }
    }
  });

  it('an invalid schedule is refused with an input error and changes nothing', () => {
    const { scheduler } = setup();
    scheduler.set('p1', schedule({ everyMinutes: 15 }));
    try {
      scheduler.set('p1', schedule({ everyMinutes: 15, timeZone: 'Europe/Nowhere' }));
      throw new Error('accepted');
    } catch (e) {
      expect(isFerryError(e) && e.category).toBe('input');
    }
    expect(scheduler.next('p1').runs).toHaveLength(1);
  });
});

describe('Scheduler with the real node-schedule timers (vitest fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at the scheduled instants and catches up once after a sleep', () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T08:00:00Z') });
    const fired: Array<[string, string]> = [];
    const scheduler = new Scheduler({ onTrigger: (t) => void fired.push([new Date().toISOString(), t.reason]) });
    try {
      scheduler.set('p1', schedule({ everyMinutes: 15 }));
      vi.advanceTimersByTime(30 * MIN);
      expect(fired).toEqual([
        ['2026-03-02T08:15:00.000Z', 'schedule'],
        ['2026-03-02T08:30:00.000Z', 'schedule'],
      ]);
      expect(scheduler.next('p1').runs[0]!.at.toISOString()).toBe('2026-03-02T08:45:00.000Z');
      // Sleep: the wall clock jumps two hours, no timer runs.
      vi.setSystemTime(new Date('2026-03-02T10:30:00Z'));
      vi.advanceTimersByTime(60_000);
      expect(fired.slice(2)).toEqual([['2026-03-02T10:31:00.000Z', 'missed']]);
      vi.advanceTimersByTime(14 * MIN);
      expect(fired.slice(3)).toEqual([['2026-03-02T10:45:00.000Z', 'schedule']]);
    } finally {
      scheduler.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { RunQueue } from '../../main/scheduler/queue.js';
import { Scheduler } from '../../main/scheduler/scheduler.js';
import { coalesce, type Trigger } from '../../main/scheduler/trigger.js';
import { ManualTimers } from './manual-timers.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A runner whose runs the test finishes by hand. */
function controlledRunner() {
  const calls: Array<{ trigger: Trigger; done: Deferred<string> }> = [];
  const runner = (trigger: Trigger): Promise<string> => {
    const done = deferred<string>();
    calls.push({ trigger, done });
    return done.promise;
  };
  return { calls, runner };
}

/** Lets every pending promise callback run (no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const t = (partial: Partial<Trigger> = {}): Trigger => ({ pipelineId: 'p1', mode: 'delta', entities: null, reason: 'schedule', ...partial });

describe('coalesce', () => {
  it('full wins, entities unite in dependency order, null means all, the earlier reason stays', () => {
    expect(coalesce(t({ mode: 'delta', entities: ['device'] }), t({ mode: 'full', entities: ['customer'], reason: 'manual' }))).toEqual(t({ mode: 'full', entities: ['customer', 'device'] }));
    expect(coalesce(t({ entities: ['device'] }), t({ entities: null }))).toEqual(t({ entities: null }));
    expect(coalesce(t({ entities: ['ticket', 'contact'] }), t({ entities: ['contact'] }))).toEqual(t({ entities: ['contact', 'ticket'] }));
  });

  it('customer restrictions unite; an unrestricted trigger lifts them', () => {
    expect(coalesce(t({ customerIds: ['b', 'a'] }), t({ customerIds: ['c', 'a'] })).customerIds).toEqual(['a', 'b', 'c']);
    expect(coalesce(t({ customerIds: ['a'] }), t()).customerIds).toBeUndefined();
  });

  it('refuses triggers of different pipelines', () => {
    expect(() => coalesce(t(), t({ pipelineId: 'p2' }))).toThrow(/different pipelines/);
  });
});

describe('RunQueue', () => {
  it('starts a run at once when the pipeline is idle and resolves with its outcome', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    const outcome = queue.enqueue(t({ mode: 'full' }));
    expect(calls.map((c) => c.trigger)).toEqual([t({ mode: 'full' })]);
    expect(queue.running('p1')).toEqual(t({ mode: 'full' }));
    calls[0]!.done.resolve('run-1');
    await expect(outcome).resolves.toBe('run-1');
    expect(queue.running('p1')).toBeNull();
  });

  it('queues triggers that arrive during a run once, coalesced, and resolves them with that next run', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    const first = queue.enqueue(t({ entities: ['customer'] }));
    const a = queue.enqueue(t({ entities: ['contact'] }));
    const b = queue.enqueue(t({ entities: ['device'], reason: 'manual' }));
    const c = queue.enqueue(t({ mode: 'full', entities: ['contact'] }));
    expect(calls).toHaveLength(1); // still only the first run
    expect(queue.queued('p1')).toEqual(t({ mode: 'full', entities: ['contact', 'device'] }));
    expect(b).toBe(a);
    expect(c).toBe(a);

    let aDone = false;
    void a.then(() => (aDone = true));
    calls[0]!.done.resolve('run-1');
    await expect(first).resolves.toBe('run-1');
    await settle();
    expect(aDone).toBe(false); // the first run does not cover triggers that came during it
    expect(calls).toHaveLength(2);
    expect(calls[1]!.trigger).toEqual(t({ mode: 'full', entities: ['contact', 'device'] }));
    expect(queue.queued('p1')).toBeNull();

    calls[1]!.done.resolve('run-2');
    await expect(Promise.all([a, b, c])).resolves.toEqual(['run-2', 'run-2', 'run-2']);
    expect(calls).toHaveLength(2);
  });

  it('a trigger arriving during the queued run waits for a third run', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    void queue.enqueue(t());
    const second = queue.enqueue(t());
    calls[0]!.done.resolve('run-1');
    await settle();
    const third = queue.enqueue(t({ entities: ['invoice'] }));
    expect(third).not.toBe(second);
    calls[1]!.done.resolve('run-2');
    await expect(second).resolves.toBe('run-2');
    await settle();
    expect(calls[2]!.trigger.entities).toEqual(['invoice']);
    calls[2]!.done.resolve('run-3');
    await expect(third).resolves.toBe('run-3');
  });

  it('a failed run rejects its callers only; the queued run still starts and the queue goes on', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    const failing = queue.enqueue(t());
    const next = queue.enqueue(t({ mode: 'full' }));
    calls[0]!.done.reject(new Error('c-entron unreachable'));
    await expect(failing).rejects.toThrow('c-entron unreachable');
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.done.resolve('run-2');
    await expect(next).resolves.toBe('run-2');
    const later = queue.enqueue(t());
    calls[2]!.done.resolve('run-3');
    await expect(later).resolves.toBe('run-3');
  });

  it('a runner that throws synchronously rejects the trigger instead of throwing from enqueue', async () => {
    let n = 0;
    const queue = new RunQueue<string>((trigger) => {
      if (n++ === 0) throw new Error('bad runner');
      return Promise.resolve(`ok ${trigger.mode}`);
    });
    const p = queue.enqueue(t());
    await expect(p).rejects.toThrow('bad runner');
    await expect(queue.enqueue(t({ mode: 'full' }))).resolves.toBe('ok full');
  });

  it('fire-and-forget triggers whose run fails are logged, never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const logged: Array<Record<string, unknown>> = [];
      const log = { debug: () => {}, info: () => {}, warn: () => {}, error: (obj: Record<string, unknown>) => void logged.push(obj) };
      const queue = new RunQueue<string>(() => Promise.reject(new Error('boom')), { log });
      void queue.enqueue(t());
      void queue.enqueue(t()); // queued behind it, fails too
      await queue.idle();
      // unhandledRejection is emitted after the microtask queue drains: give it a macrotask turn
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(logged.map((l) => [l['pipelineId'], (l['err'] as Error).message])).toEqual([
        ['p1', 'boom'],
        ['p1', 'boom'],
      ]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('pipelines run independently: one per pipeline, several pipelines at once', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    const p1 = queue.enqueue(t({ pipelineId: 'p1' }));
    const p2 = queue.enqueue(t({ pipelineId: 'p2' }));
    void queue.enqueue(t({ pipelineId: 'p1' }));
    expect(calls.map((c) => c.trigger.pipelineId)).toEqual(['p1', 'p2']);
    calls[1]!.done.resolve('p2-done');
    await expect(p2).resolves.toBe('p2-done');
    expect(queue.running('p1')).not.toBeNull();
    calls[0]!.done.resolve('p1-done');
    await expect(p1).resolves.toBe('p1-done');
  });

  it('idle() waits until nothing runs and nothing waits', async () => {
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    await queue.idle(); // idle from the start
    void queue.enqueue(t());
    void queue.enqueue(t());
    let idle = false;
    void queue.idle().then(() => (idle = true));
    calls[0]!.done.resolve('1');
    await settle();
    expect(idle).toBe(false);
    calls[1]!.done.resolve('2');
    await settle();
    expect(idle).toBe(true);
  });

  it('with the scheduler: runs that come due during a long run coalesce into one follow-up run', async () => {
    const timers = new ManualTimers('2026-03-02T08:00:00Z');
    const { calls, runner } = controlledRunner();
    const queue = new RunQueue(runner);
    const scheduler = new Scheduler({ timers, onTrigger: (trigger) => queue.enqueue(trigger) });
    scheduler.set('p1', { everyMinutes: 15, fullAt: '09:50', timeZone: 'Europe/Berlin', entityEvery: {}, activatedAt: '2026-03-02T08:00:00Z' });
    timers.advanceTo('2026-03-02T08:15:00Z');
    expect(calls).toHaveLength(1);
    // The 08:15 run takes 40 minutes: the 08:30 and 08:45 interval runs and the 09:50 CET (08:50Z) full run come due meanwhile.
    timers.advanceTo('2026-03-02T08:55:00Z');
    expect(calls).toHaveLength(1);
    expect(queue.queued('p1')).toEqual({ pipelineId: 'p1', mode: 'full', entities: null, reason: 'schedule' });
    calls[0]!.done.resolve('long');
    await settle();
    expect(calls.map((c) => c.trigger.mode)).toEqual(['delta', 'full']);
    scheduler.stop();
  });
});

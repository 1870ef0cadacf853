import type { Logger } from '../connectors/types.js';
import { coalesce, type Trigger } from './trigger.js';

export type Runner<O> = (trigger: Trigger) => Promise<O>;

interface Slot<O> {
  trigger: Trigger;
  promise: Promise<O>;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

function slot<O>(trigger: Trigger): Slot<O> {
  let resolve!: (value: O) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<O>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A trigger nobody awaits (the scheduler fires and forgets) must not become an unhandled rejection: the
  // failure is logged by the queue; callers that await still see it.
  promise.catch(() => undefined);
  return { trigger: { ...trigger }, promise, resolve, reject };
}

/**
 * One run per pipeline at a time. A trigger that arrives while its pipeline runs waits for the next run; all
 * triggers that arrive during one run share that next run (coalesced: full wins over delta, entity sets are
 * united, null = all). Pipelines run independently of each other.
 */
export class RunQueue<O = unknown> {
  private readonly active = new Map<string, Slot<O>>();
  private readonly waiting = new Map<string, Slot<O>>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly runner: Runner<O>,
    private readonly options: { log?: Logger } = {},
  ) {}

  /**
   * Resolves with the outcome of the run that covers this trigger — the one started now if the pipeline is idle,
   * else the next one — and rejects with that run's error. One run's failure never stops the queue.
   */
  enqueue(trigger: Trigger): Promise<O> {
    const id = trigger.pipelineId;
    if (!this.active.has(id)) return this.start(slot<O>(trigger));
    const waiting = this.waiting.get(id);
    if (waiting) {
      waiting.trigger = coalesce(waiting.trigger, trigger);
      return waiting.promise;
    }
    const next = slot<O>(trigger);
    this.waiting.set(id, next);
    return next.promise;
  }

  /** The trigger of the pipeline's current run, if one is running. */
  running(pipelineId: string): Trigger | null {
    return this.active.get(pipelineId)?.trigger ?? null;
  }

  /** The (coalesced) trigger waiting for the current run to finish, if any. */
  queued(pipelineId: string): Trigger | null {
    return this.waiting.get(pipelineId)?.trigger ?? null;
  }

  /** Resolves once nothing runs and nothing waits (e.g. before shutting down). */
  idle(): Promise<void> {
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(s: Slot<O>): Promise<O> {
    const id = s.trigger.pipelineId;
    this.active.set(id, s);
    let run: Promise<O>;
    try {
      run = Promise.resolve(this.runner({ ...s.trigger }));
    } catch (e) {
      run = Promise.reject(e);
    }
    run.then(
      (outcome) => this.finish(s, () => s.resolve(outcome)),
      (error: unknown) => {
        this.options.log?.error({ pipelineId: id, reason: s.trigger.reason, mode: s.trigger.mode, err: error }, 'run failed');
        this.finish(s, () => s.reject(error));
      },
    );
    return s.promise;
  }

  /** Starts the waiting run (if any) before settling this one's callers, so a caller reacting to the outcome sees the queue moved on. */
  private finish(s: Slot<O>, settle: () => void): void {
    const id = s.trigger.pipelineId;
    this.active.delete(id);
    const next = this.waiting.get(id);
    if (next) {
      this.waiting.delete(id);
      this.start(next);
    }
    settle();
    if (this.active.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

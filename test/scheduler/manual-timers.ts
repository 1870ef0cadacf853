import type { TimerPort } from '../../main/scheduler/scheduler.js';

interface Pending {
  id: number;
  due: number;
  fn: () => void;
  every: number | null;
}

/**
 * A hand-driven clock for the scheduler: time moves only when the test says so, timers fire in order at their
 * due time. `sleep()` models a suspended machine: the wall clock jumps, pending timers are pushed back by the
 * same amount (monotonic timers do not run while suspended).
 */
export class ManualTimers implements TimerPort {
  private nowMs: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start: Date | string) {
    this.nowMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  at(when: Date, fn: () => void): () => void {
    return this.add({ id: ++this.seq, due: Math.max(when.getTime(), this.nowMs), fn, every: null });
  }

  every(ms: number, fn: () => void): () => void {
    return this.add({ id: ++this.seq, due: this.nowMs + ms, fn, every: ms });
  }

  /** Number of pending one-shot timers and intervals. */
  get size(): { timers: number; intervals: number } {
    return { timers: this.pending.filter((p) => p.every === null).length, intervals: this.pending.filter((p) => p.every !== null).length };
  }

  /** Moves time forward to `to`, firing every timer that comes due on the way, each at its own time. */
  advanceTo(to: Date | string): void {
    const target = new Date(to).getTime();
    for (;;) {
      const next = this.pending.reduce<Pending | null>((a, p) => (a === null || p.due < a.due || (p.due === a.due && p.id < a.id) ? p : a), null);
      if (!next || next.due > target) break;
      this.nowMs = Math.max(this.nowMs, next.due);
      if (next.every === null) this.pending = this.pending.filter((p) => p !== next);
      else next.due += next.every;
      next.fn();
    }
    this.nowMs = Math.max(this.nowMs, target);
  }

  advanceBy(ms: number): void {
    this.advanceTo(new Date(this.nowMs + ms));
  }

  /** The machine sleeps for `ms`: the wall clock jumps, timers are delayed by the same amount, nothing fires. */
  sleep(ms: number): void {
    this.nowMs += ms;
    for (const p of this.pending) p.due += ms;
  }

  /** Someone sets the wall clock (to `to`); timers keep their remaining durations. */
  setClock(to: Date | string): void {
    const target = new Date(to).getTime();
    const delta = target - this.nowMs;
    this.nowMs = target;
    for (const p of this.pending) p.due += delta;
  }

  private add(p: Pending): () => void {
    this.pending.push(p);
    return () => {
      this.pending = this.pending.filter((q) => q !== p);
    };
  }
}

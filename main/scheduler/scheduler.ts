import { scheduleJob } from 'node-schedule';
import { FerryError } from '../../shared/errors.js';
import type { Logger } from '../connectors/types.js';
import { combineRuns, missedTrigger, nextRuns, validateSchedule, type NextRun, type PipelineSchedule } from './schedule.js';
import type { Trigger } from './trigger.js';

/** The clock and timers the scheduler uses; tests inject a manual one. */
export interface TimerPort {
  now(): Date;
  /** Calls `fn` once at `when` (or as soon as possible if it is past). Returns a cancel function. */
  at(when: Date, fn: () => void): () => void;
  /** Calls `fn` every `ms` milliseconds. Returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}

/**
 * Production timers: node-schedule one-shot Date jobs (it re-checks the wall clock when its timeout fires and
 * waits on if the clock was set back) and an unref'd interval for the wall-clock watchdog.
 */
export const nodeScheduleTimers: TimerPort = {
  now: () => new Date(),
  at(when, fn) {
    const job = scheduleJob(when, () => fn());
    if (job) return () => job.cancel();
    // node-schedule refuses dates in the past: run on the next turn instead.
    const handle = setTimeout(fn, 0);
    return () => clearTimeout(handle);
  },
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return () => clearInterval(handle);
  },
};

export type ScheduledTrigger = Trigger & { reason: 'schedule' | 'missed' };

export interface SchedulerOptions {
  /** Called for every run the schedule asks for; wire it to RunQueue.enqueue. Errors are logged, never thrown. */
  onTrigger: (trigger: ScheduledTrigger) => unknown;
  timers?: TimerPort;
  /**
   * How often the wall clock is compared with the armed run times (default 60 s). Timers do not advance while the
   * machine sleeps; the watchdog notices a run time that passed and fires it (once) as 'missed'.
   */
  watchdogMs?: number;
  /** A run that fires more than this after its time is reported as 'missed' (default 60 s). */
  lateAfterMs?: number;
  log?: Logger;
}

export interface SetOptions {
  /** Paused pipelines keep their schedule (next() still answers) but do not fire. Default: unchanged, else false. */
  paused?: boolean;
  /**
   * Give this at start-up (the start of the pipeline's latest run; null = never ran): if a scheduled run came due
   * since then, one catch-up run fires now with reason 'missed'. Leave it out when a schedule is merely edited.
   */
  lastRunAt?: Date | null;
}

export interface ScheduleView {
  pipelineId: string;
  /** True when the pipeline or the whole scheduler is paused: the runs below will not happen until resumed. */
  paused: boolean;
  pausedBy: 'pipeline' | 'global' | null;
  /** The next occurrence of each job, earliest first (computed even when paused). */
  runs: NextRun[];
}

interface Entry {
  schedule: PipelineSchedule;
  paused: boolean;
  /** Every occurrence at or before this instant (ms) has been fired or deliberately skipped. */
  handledUntil: number;
  armed: { at: number; cancel: () => void } | null;
}

/**
 * One job set per pipeline. Only the next instant is armed; when it fires, the due jobs are combined into one
 * trigger and the next instant is computed again from the pure schedule functions — no drift, no cron for elapsed
 * intervals, DST handled by `nextRuns`.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly timers: TimerPort;
  private readonly watchdogMs: number;
  private readonly lateAfterMs: number;
  private globallyPaused = false;
  private stopWatchdog: (() => void) | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? nodeScheduleTimers;
    this.watchdogMs = options.watchdogMs ?? 60_000;
    this.lateAfterMs = options.lateAfterMs ?? 60_000;
  }

  /** Adds or replaces a pipeline's schedule. Throws FerryError('input') for an invalid schedule. */
  set(pipelineId: string, schedule: PipelineSchedule, options: SetOptions = {}): void {
    const valid = validateSchedule(schedule);
    const existing = this.entries.get(pipelineId);
    existing?.armed?.cancel();
    const now = this.timers.now();
    const entry: Entry = { schedule: valid, paused: options.paused ?? existing?.paused ?? false, handledUntil: now.getTime(), armed: null };
    this.entries.set(pipelineId, entry);
    this.arm(pipelineId, entry);
    this.startWatchdog();
    if (options.lastRunAt !== undefined && this.isActive(entry)) {
      const missed = missedTrigger(valid, options.lastRunAt, now);
      if (missed) this.emit({ pipelineId, ...missed, reason: 'missed' });
    }
  }

  /** Forgets a pipeline's schedule. Returns whether it had one. */
  remove(pipelineId: string): boolean {
    const entry = this.entries.get(pipelineId);
    if (!entry) return false;
    entry.armed?.cancel();
    this.entries.delete(pipelineId);
    if (this.entries.size === 0) this.haltWatchdog();
    return true;
  }

  has(pipelineId: string): boolean {
    return this.entries.has(pipelineId);
  }

  pause(pipelineId: string): void {
    const entry = this.entry(pipelineId);
    entry.paused = true;
    this.disarm(entry);
  }

  /** Runs that came due while paused are skipped: the next run is the next one from now. */
  resume(pipelineId: string): void {
    const entry = this.entry(pipelineId);
    if (!entry.paused) return;
    entry.paused = false;
    entry.handledUntil = this.timers.now().getTime();
    this.arm(pipelineId, entry);
  }

  pauseAll(): void {
    this.globallyPaused = true;
    for (const entry of this.entries.values()) this.disarm(entry);
  }

  /** Lifts the global pause; pipelines paused one by one stay paused. */
  resumeAll(): void {
    if (!this.globallyPaused) return;
    this.globallyPaused = false;
    const now = this.timers.now().getTime();
    for (const [id, entry] of this.entries) {
      entry.handledUntil = now;
      this.arm(id, entry);
    }
  }

  get pausedAll(): boolean {
    return this.globallyPaused;
  }

  /** The next run times of a pipeline, and whether they are on hold. */
  next(pipelineId: string): ScheduleView {
    const entry = this.entry(pipelineId);
    const pausedBy = entry.paused ? 'pipeline' : this.globallyPaused ? 'global' : null;
    return { pipelineId, paused: pausedBy !== null, pausedBy, runs: nextRuns(entry.schedule, this.timers.now()) };
  }

  /** Cancels every timer and forgets every schedule. */
  stop(): void {
    for (const entry of this.entries.values()) this.disarm(entry);
    this.entries.clear();
    this.haltWatchdog();
  }

  // -------------------------------------------------------------------------------------------------------------

  private entry(pipelineId: string): Entry {
    const entry = this.entries.get(pipelineId);
    if (!entry) {
      throw new FerryError('not-found', `Pipeline ${pipelineId} has no schedule.`, 'Check the pipeline name with `ferry pipelines list`; a pipeline is scheduled once it is activated.');
    }
    return entry;
  }

  private isActive(entry: Entry): boolean {
    return !entry.paused && !this.globallyPaused;
  }

  private disarm(entry: Entry): void {
    entry.armed?.cancel();
    entry.armed = null;
  }

  private arm(pipelineId: string, entry: Entry): void {
    this.disarm(entry);
    if (!this.isActive(entry)) return;
    const after = Math.max(this.timers.now().getTime(), entry.handledUntil);
    const next = nextRuns(entry.schedule, new Date(after))[0];
    if (!next) return;
    const at = next.at.getTime();
    const armed = { at, cancel: () => {} };
    entry.armed = armed;
    armed.cancel = this.timers.at(next.at, () => this.fire(pipelineId, armed));
  }

  private fire(pipelineId: string, armed: NonNullable<Entry['armed']>): void {
    const entry = this.entries.get(pipelineId);
    if (!entry || entry.armed !== armed) return; // cancelled, re-armed, or already fired by the watchdog
    const now = this.timers.now().getTime();
    if (now < armed.at) {
      // The wall clock was set back since this was armed: wait for the time again.
      this.arm(pipelineId, entry);
      return;
    }
    const due = nextRuns(entry.schedule, new Date(entry.handledUntil)).filter((r) => r.at.getTime() <= now);
    entry.handledUntil = now;
    this.arm(pipelineId, entry);
    const combined = combineRuns(due);
    if (combined) this.emit({ pipelineId, ...combined, reason: now - armed.at > this.lateAfterMs ? 'missed' : 'schedule' });
  }

  private startWatchdog(): void {
    if (this.stopWatchdog) return;
    this.stopWatchdog = this.timers.every(this.watchdogMs, () => this.checkClock());
  }

  private haltWatchdog(): void {
    this.stopWatchdog?.();
    this.stopWatchdog = null;
  }

  /** Fires every armed run whose time has passed without its timer firing (sleep, a clock jump). */
  private checkClock(): void {
    const now = this.timers.now().getTime();
    for (const [id, entry] of [...this.entries]) {
      if (entry.armed && entry.armed.at <= now) this.fire(id, entry.armed);
    }
  }

  private emit(trigger: ScheduledTrigger): void {
    const fail = (e: unknown): void => {
      this.options.log?.error({ pipelineId: trigger.pipelineId, reason: trigger.reason, err: e }, 'scheduled trigger failed');
    };
    try {
      const result = this.options.onTrigger(trigger);
      if (result instanceof Promise) result.catch(fail);
    } catch (e) {
      fail(e);
    }
  }
}

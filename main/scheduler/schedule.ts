import { z } from 'zod';
import { EntityName, entityNames, entityOrder } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { RunMode } from '../../shared/model.js';
import { unionEntities } from './trigger.js';

/**
 * When a pipeline runs. Pure: no timers, no clock — every answer is computed from the schedule and a given `now`,
 * so the scheduler can re-arm from it after each run (no drift) and the UI can show the next run times.
 *
 * Semantics:
 * - `everyMinutes`: a delta run every N minutes of elapsed time, anchored to `activatedAt`
 *   (runs at activatedAt + k·N, k ≥ 1; k = 0 only if activation lies in the future). Daylight saving never moves it.
 * - `entityEvery`: an entity with its own interval (e.g. `device: 45`) runs on that interval, anchored the same way,
 *   and is left out of the pipeline-wide interval runs — "devices every 45 minutes, everything else every 15".
 * - `fullAt`: a full run once a day at this wall-clock time in `timeZone`. On the day the clocks spring forward, a
 *   time in the missing hour runs at the first valid instant after it (the moment of the change: 02:30 → 03:00);
 *   on the day they fall back, a time in the repeated hour runs once, at its first occurrence.
 */
export interface PipelineSchedule {
  /** 5..1440: elapsed minutes between delta runs, anchored to activatedAt; null = no interval. */
  everyMinutes: number | null;
  /** 'HH:MM' (24 h) wall clock in timeZone for the daily full run; null = no scheduled full run. */
  fullAt: string | null;
  /** IANA time zone name of fullAt. */
  timeZone: string;
  /** Entities with their own interval (5..1440 minutes). */
  entityEvery: Partial<Record<EntityName, number>>;
  /** ISO date-time the pipeline was activated: the anchor of every interval. */
  activatedAt: string;
}

export type JobKind = 'interval' | 'full' | 'entity';

export interface NextRun {
  at: Date;
  kind: JobKind;
  mode: RunMode;
  /** null = every entity of the pipeline. */
  entities: EntityName[] | null;
}

export const minIntervalMinutes = 5;
export const maxIntervalMinutes = 1440;

const MINUTE = 60_000;
const DAY = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const minutesSchema = z
  .number({ error: 'must be a number of minutes' })
  .int({ error: 'must be a whole number of minutes' })
  .min(minIntervalMinutes, { error: `must be at least ${minIntervalMinutes} minutes` })
  .max(maxIntervalMinutes, { error: `must be at most ${maxIntervalMinutes} minutes (one day)` });

export const PipelineScheduleSchema = z.strictObject({
  everyMinutes: minutesSchema.nullable().default(null),
  fullAt: z
    .string({ error: 'must be a time of day as HH:MM' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day as HH:MM (00:00–23:59)' })
    .nullable()
    .default(null),
  timeZone: z
    .string({ error: 'must be an IANA time zone name' })
    .refine(isValidTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not a known IANA time zone` })
    .transform((tz) => new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone)
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  entityEvery: z.partialRecord(EntityName, minutesSchema).default({}),
  activatedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with time zone, e.g. 2026-01-31T08:00:00Z' }),
});

const fieldHints: Record<string, string> = {
  everyMinutes: `Choose a sync interval between ${minIntervalMinutes} and ${maxIntervalMinutes} minutes (the wizard offers 5, 15, 30 and 60), or none.`,
  entityEvery: `Give entity intervals as entity=minutes between ${minIntervalMinutes} and ${maxIntervalMinutes} (e.g. device=45); entities are ${entityNames.join(', ')}.`,
  fullAt: 'Give the daily full-sync time as HH:MM on a 24-hour clock, e.g. 23:55, or none.',
  timeZone: 'Use an IANA time zone name such as Europe/Berlin, America/New_York or UTC.',
  activatedAt: 'activatedAt is set by Ferry when the pipeline is activated: an ISO 8601 date-time such as 2026-01-31T08:00:00Z.',
};

/** Parses a schedule (defaults: no interval, no full run, the server's time zone, no entity intervals). */
export function validateSchedule(input: unknown): PipelineSchedule {
  const result = PipelineScheduleSchema.safeParse(input);
  if (result.success) return result.data;
  const problems: string[] = [];
  const hintList: string[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'schedule';
    problems.push(`${field} ${issue.message}`);
    const hint = fieldHints[String(issue.path[0])] ?? 'Schedules have everyMinutes, fullAt, timeZone, entityEvery and activatedAt.';
    if (!hintList.includes(hint)) hintList.push(hint);
  }
  throw new FerryError('input', `Invalid schedule: ${problems.join('; ')}.`, hintList.join(' '), { issues: problems });
}

// ---------------------------------------------------------------------------------------------------------------
// Wall clock in a time zone, with Intl only (no tz library: Intl's ICU data is the same data one would ship).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at instant `t` (ms since the epoch). */
export function wallTime(t: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** The wall-clock reading at `t` as if it were a UTC time stamp, in ms (so wall times compare as numbers). */
export function wallMs(t: number, timeZone: string): number {
  const w = wallTime(t, timeZone);
  const ms = ((t % 1000) + 1000) % 1000;
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) + ms;
}

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear: years 0..99 are not shifted to 19xx
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * The first instant at which the wall clock in `timeZone` reads `hour:minute` on the given date or later —
 * the wall time itself when it exists, its first occurrence when it repeats (fall back), and the moment of the
 * change when it is skipped (spring forward).
 */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const target = utcMs(year, month, day, hour, minute);
  // The offsets in force around the target; an instant showing the target has one of them (zones change their
  // offset at most once within two days).
  const offsets = [...new Set([target - DAY, target, target + DAY].map((t) => wallMs(t, timeZone) - t))];
  const exact = offsets
    .map((o) => target - o)
    .filter((t) => wallMs(t, timeZone) === target)
    .sort((a, b) => a - b);
  if (exact.length > 0) return new Date(exact[0]!);
  // Skipped: search the change between the instant that reads before the target and the one that reads after it.
  let lo = target - Math.max(...offsets);
  let hi = target - Math.min(...offsets);
  if (!(wallMs(lo, timeZone) < target && wallMs(hi, timeZone) > target)) {
    throw new FerryError('internal', `Cannot place ${hour}:${minute} on ${year}-${month}-${day} in ${timeZone}.`, 'This is a bug in Ferry. Keep the log file from the data folder and report it.');
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMs(mid, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

// ---------------------------------------------------------------------------------------------------------------

/** The first instant anchor + k·period (k ≥ 0) strictly after `after`. */
export function nextAnchored(anchorMs: number, periodMs: number, afterMs: number): number {
  if (afterMs < anchorMs) return anchorMs;
  return anchorMs + (Math.floor((afterMs - anchorMs) / periodMs) + 1) * periodMs;
}

function parseFullAt(fullAt: string): { hour: number; minute: number } {
  const [h, m] = fullAt.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** The next daily full-run instant strictly after `after`. */
export function nextFullAt(fullAt: string, timeZone: string, after: Date): Date {
  const { hour, minute } = parseFullAt(fullAt);
  // The run for the local date of `after`, or the next date's. (A run for an earlier date cannot lie ahead: the
  // wall clock has already passed that date.) Two days ahead covers a skipped calendar day.
  const today = wallTime(after.getTime(), timeZone);
  for (let i = 0; i <= 2; i++) {
    const day = new Date(utcMs(today.year, today.month, today.day + i));
    const at = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new FerryError('internal', `No full-run time after ${after.toISOString()} for ${fullAt} in ${timeZone}.`, 'This is a bug in Ferry. Keep the log file from the data folder and report it.');
}

const kindOrder: Record<JobKind, number> = { full: 0, interval: 1, entity: 2 };

/** The next occurrence of each of the schedule's jobs strictly after `now`, earliest first. */
export function nextRuns(schedule: PipelineSchedule, now: Date): NextRun[] {
  const anchor = Date.parse(schedule.activatedAt);
  if (Number.isNaN(anchor)) {
    throw new FerryError('input', `Invalid schedule: activatedAt ${JSON.stringify(schedule.activatedAt)} is not a date-time.`, fieldHints['activatedAt']!);
  }
  const nowMs = now.getTime();
  const runs: NextRun[] = [];
  const ownInterval = entityOrder.filter((e) => schedule.entityEvery[e] != null);
  if (schedule.everyMinutes != null) {
    const entities = ownInterval.length === 0 ? null : entityOrder.filter((e) => !ownInterval.includes(e));
    if (entities === null || entities.length > 0) {
      runs.push({ at: new Date(nextAnchored(anchor, schedule.everyMinutes * MINUTE, nowMs)), kind: 'interval', mode: 'delta', entities });
    }
  }
  for (const e of ownInterval) {
    runs.push({ at: new Date(nextAnchored(anchor, schedule.entityEvery[e]! * MINUTE, nowMs)), kind: 'entity', mode: 'delta', entities: [e] });
  }
  if (schedule.fullAt != null) {
    runs.push({ at: nextFullAt(schedule.fullAt, schedule.timeZone, now), kind: 'full', mode: 'full', entities: null });
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime() || kindOrder[a.kind] - kindOrder[b.kind]);
}

/** What a set of due jobs asks for when they run as one: full if any is full, the union of their entities. */
export function combineRuns(runs: readonly Pick<NextRun, 'mode' | 'entities'>[]): { mode: RunMode; entities: EntityName[] | null } | null {
  if (runs.length === 0) return null;
  let mode: RunMode = 'delta';
  let entities: EntityName[] | null = [];
  for (const r of runs) {
    if (r.mode === 'full') mode = 'full';
    entities = unionEntities(entities, r.entities);
  }
  return { mode, entities };
}

/**
 * The jobs that came due in (since, now] — since = the last run's start, or the activation when the pipeline
 * never ran (and never before the activation). Each job counts once however many of its runs were missed.
 */
export function dueRuns(schedule: PipelineSchedule, lastRunAt: Date | null, now: Date): NextRun[] {
  const activated = Date.parse(schedule.activatedAt);
  const since = Math.max(lastRunAt?.getTime() ?? activated, activated);
  if (since >= now.getTime()) return [];
  return nextRuns(schedule, new Date(since)).filter((r) => r.at.getTime() <= now.getTime());
}

/**
 * After sleep or a restart: did a scheduled run come due since the last run started (lastRunAt; null = never ran)?
 * If so, one catch-up run happens — see missedTrigger for what it covers.
 */
export function missedRun(schedule: PipelineSchedule, lastRunAt: Date | null, now: Date): boolean {
  return dueRuns(schedule, lastRunAt, now).length > 0;
}

/** The one catch-up run that covers every missed job (full if a full run was missed), or null. */
export function missedTrigger(schedule: PipelineSchedule, lastRunAt: Date | null, now: Date): { mode: RunMode; entities: EntityName[] | null } | null {
  return combineRuns(dueRuns(schedule, lastRunAt, now));
}

import type { OpInput } from '../../../../shared/contract.js';
import type { EntityName } from '../../../../shared/entities.js';
import type { EntityFlow, Pipeline } from '../../../../shared/model.js';
import type { Counts } from '../../../../shared/progress.js';

/** Dependency order (shared/entities.ts has it too, but importing it would pull zod into the bundle). */
export const entityOrder: readonly EntityName[] = ['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'];

/** The entities a pipeline syncs, in dependency order. */
export function flowsOf(p: Pipeline): { entity: EntityName; flow: EntityFlow }[] {
  return entityOrder.flatMap((entity) => {
    const flow = p.config.entities[entity];
    return flow ? [{ entity, flow }] : [];
  });
}

export const countKeys = ['created', 'updated', 'deleted', 'unchanged', 'skipped', 'conflicts', 'failed'] as const satisfies readonly (keyof Counts)[];

/** A run's counts over all its entities. */
export function totalCounts(entities: Partial<Record<EntityName, Counts>>): Counts {
  const sum: Counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };
  for (const c of Object.values(entities)) for (const k of countKeys) sum[k] += c?.[k] ?? 0;
  return sum;
}

/** The counts worth showing (non-zero), in a fixed order. */
export const nonZero = (c: Counts): { key: (typeof countKeys)[number]; n: number }[] => countKeys.filter((k) => c[k] > 0).map((key) => ({ key, n: c[key] }));

export const intervalChoices = [5, 15, 30, 60] as const;

/** What the schedule editor holds: interval in minutes ('' = not automatically), HH:MM or '' (no full sync), zone. */
export interface ScheduleForm {
  everyMinutes: string;
  fullAt: string;
  timeZone: string;
}

export const scheduleFormOf = (p: Pipeline): ScheduleForm => ({
  everyMinutes: p.config.schedule.everyMinutes === null ? '' : String(p.config.schedule.everyMinutes),
  fullAt: p.config.schedule.fullAt ?? '',
  timeZone: p.config.schedule.timeZone,
});

export const isTimeOfDay = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** Problems by field (keys into the pipelines namespace); empty when the form can be saved. */
export function scheduleProblems(f: ScheduleForm): Partial<Record<keyof ScheduleForm, string>> {
  const p: Partial<Record<keyof ScheduleForm, string>> = {};
  if (f.fullAt !== '' && !isTimeOfDay(f.fullAt)) p.fullAt = 'schedule.fullAtInvalid';
  if (f.timeZone.trim() === '') p.timeZone = 'schedule.timeZoneRequired';
  return p;
}

/** The `pipelines.update` input with the schedule fields that changed, or null. */
export function scheduleUpdate(p: Pipeline, f: ScheduleForm): OpInput<'pipelines.update'> | null {
  const s = p.config.schedule;
  const out: OpInput<'pipelines.update'> = { name: p.name };
  const every = f.everyMinutes === '' ? null : Number(f.everyMinutes);
  const fullAt = f.fullAt === '' ? null : f.fullAt;
  if (every !== s.everyMinutes) out.everyMinutes = every;
  if (fullAt !== s.fullAt) out.fullAt = fullAt;
  if (f.timeZone !== s.timeZone) out.timeZone = f.timeZone;
  return Object.keys(out).length > 1 ? out : null;
}

/** The interval choices offered: 5, 15, 30, 60 — plus the current one when it was set otherwise (CLI, import). */
export function intervalOptions(current: number | null): number[] {
  const list: number[] = [...intervalChoices];
  if (current !== null && !list.includes(current)) list.push(current);
  return list.sort((a, b) => a - b);
}


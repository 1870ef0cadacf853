import type { EntityName } from '../../../../shared/entities.js';
import type { Schedule } from '../../../../shared/model.js';
import { DEVICE_MINUTES, INTERVALS } from './entities.js';
import { isTimeOfDay } from './validate.js';

/** The schedule as the wizard edits it. */
export interface ScheduleChoice {
  everyMinutes: number;
  fullDaily: boolean;
  fullAt: string;
  devicesEvery: boolean;
  timeZone: string;
}

/** The backend's proposal (seed 000's timing for an ERP ↔ RMM pair) as the wizard shows it. */
export function scheduleFromPipeline(s: Schedule, fallbackZone: string): ScheduleChoice {
  return {
    everyMinutes: s.everyMinutes ?? 60,
    fullDaily: s.fullAt !== null,
    fullAt: s.fullAt ?? '23:55',
    devicesEvery: s.entityEvery.device !== undefined,
    timeZone: s.timeZone || fallbackZone,
  };
}

/** The schedule part of pipelines.update; devices get their own interval only while they are synced. */
export function scheduleSpec(c: ScheduleChoice, devicesOn: boolean) {
  const entityEvery: Partial<Record<EntityName, number>> = c.devicesEvery && devicesOn ? { device: DEVICE_MINUTES } : {};
  return { everyMinutes: c.everyMinutes, fullAt: c.fullDaily ? c.fullAt.trim() : null, entityEvery, timeZone: c.timeZone };
}

/** The choices of the interval control: the offered ones plus the stored one if it differs (e.g. set by the CLI). */
export const intervalChoices = (current: number): number[] => (INTERVALS as readonly number[]).includes(current) ? [...INTERVALS] : [...INTERVALS, current].sort((a, b) => a - b);

export type ScheduleProblem = 'schedule.time' | 'schedule.zone';
export function scheduleProblem(c: ScheduleChoice): ScheduleProblem | null {
  if (c.fullDaily && !isTimeOfDay(c.fullAt)) return 'schedule.time';
  if (!c.timeZone.trim()) return 'schedule.zone';
  return null;
}

/** IANA zones for the picker (the chosen one always included). */
export function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'];
  return all.includes(current) || !current ? all : [current, ...all];
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

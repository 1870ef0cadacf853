import path from 'node:path';
import { Settings, type SettingsView } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import { logFilePath } from '../log/index.js';
import { isValidTimeZone } from '../scheduler/schedule.js';
import type { AppContext } from './context.js';

const timeZoneHint = 'Use an IANA time zone name such as Europe/Berlin, America/New_York or UTC.';

export const settingsHints: Record<keyof Settings, string> = {
  language: 'Use system (follow the operating system), de or en.',
  timeZone: timeZoneHint,
  startAtLogin: 'Use true or false.',
  logLevel: 'Use error, warn, info or debug.',
  deleteGuard: 'Give percent (0–100) and max (a whole number ≥ 0), e.g. {"percent": 10, "max": 50}.',
};

/** Problems of a (partial) settings object, by field; empty when it is fine. */
export function settingsProblems(raw: unknown): { path: string; message: string; hint: string }[] {
  const r = Settings.partial().strict().safeParse(raw);
  if (!r.success) {
    return r.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      return { path: i.path.map(String).join('.') || 'settings', message: i.message, hint: settingsHints[key as keyof Settings] ?? `Settings are ${Object.keys(Settings.shape).join(', ')}.` };
    });
  }
  if (r.data.timeZone !== undefined && !isValidTimeZone(r.data.timeZone)) {
    return [{ path: 'timeZone', message: `"${r.data.timeZone}" is not a known IANA time zone`, hint: timeZoneHint }];
  }
  return [];
}

export function viewSettings(ctx: AppContext): SettingsView {
  const s = ctx.store.settings.all();
  return {
    language: s.language,
    timeZone: s.timeZone,
    startAtLogin: s.startAtLogin,
    logLevel: s.logLevel,
    deleteGuard: s.deleteGuard,
    dataDir: ctx.dataDir,
    logDir: path.dirname(logFilePath(ctx.dataDir)),
  };
}

export const settings = {
  get(ctx: AppContext): SettingsView {
    return viewSettings(ctx);
  },
  /** Changes the given settings only; every value is checked first, nothing is stored when one is wrong. */
  update(ctx: AppContext, patch: Partial<Settings>): SettingsView {
    const problems = settingsProblems(patch);
    if (problems.length) {
      throw new FerryError('input', `Invalid setting${problems.length > 1 ? 's' : ''}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}.`, [...new Set(problems.map((p) => p.hint))].join(' '), { problems: problems.map(({ path: p, message }) => ({ path: p, message })) });
    }
    const parsed = Settings.partial().parse(patch);
    ctx.store.settings.setMany(parsed);
    ctx.log.info({ settings: Object.keys(parsed) }, 'settings updated');
    return viewSettings(ctx);
  },
};

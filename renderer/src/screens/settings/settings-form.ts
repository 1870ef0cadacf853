import type { Settings, SettingsView } from '../../../../shared/contract.js';

/** The form's values: numbers as typed (strings) so a half-typed value is not lost. */
export interface SettingsForm {
  language: Settings['language'];
  timeZone: string;
  startAtLogin: boolean;
  logLevel: Settings['logLevel'];
  percent: string;
  max: string;
}

export const formOf = (s: SettingsView): SettingsForm => ({
  language: s.language,
  timeZone: s.timeZone,
  startAtLogin: s.startAtLogin,
  logLevel: s.logLevel,
  percent: String(s.deleteGuard.percent),
  max: String(s.deleteGuard.max),
});

/** Problems by field (keys into the settings namespace). */
export function formProblems(f: SettingsForm): Partial<Record<'percent' | 'max' | 'timeZone', string>> {
  const p: Partial<Record<'percent' | 'max' | 'timeZone', string>> = {};
  const percent = Number(f.percent);
  const max = Number(f.max);
  if (f.percent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) p.percent = 'guard.percentInvalid';
  if (f.max.trim() === '' || !Number.isInteger(max) || max < 0) p.max = 'guard.maxInvalid';
  if (f.timeZone.trim() === '') p.timeZone = 'timeZoneRequired';
  return p;
}

/** The `settings.update` input with only what changed (empty when nothing did). */
export function settingsPatch(s: SettingsView, f: SettingsForm): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (f.language !== s.language) out.language = f.language;
  if (f.timeZone !== s.timeZone) out.timeZone = f.timeZone;
  if (f.startAtLogin !== s.startAtLogin) out.startAtLogin = f.startAtLogin;
  if (f.logLevel !== s.logLevel) out.logLevel = f.logLevel;
  const guard = { percent: Number(f.percent), max: Number(f.max) };
  if (guard.percent !== s.deleteGuard.percent || guard.max !== s.deleteGuard.max) out.deleteGuard = guard;
  return out;
}

/** Problems of a rejected import, as the service lists them (`details.problems`). */
export function importProblems(details: Record<string, unknown> | undefined): { path: string; message: string }[] {
  const list = details?.['problems'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: unknown) => {
    const o = p as { path?: unknown; message?: unknown };
    return typeof o?.message === 'string' ? [{ path: typeof o.path === 'string' ? o.path : '', message: o.message }] : [];
  });
}

/** What a chosen file holds, for the confirmation line before importing (null when it is not a Ferry export). */
export function describeConfig(v: unknown): { connections: number; pipelines: number } | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as { format?: unknown; connections?: unknown; pipelines?: unknown };
  if (o.format !== 'ferry-config') return null;
  return { connections: Array.isArray(o.connections) ? o.connections.length : 0, pipelines: Array.isArray(o.pipelines) ? o.pipelines.length : 0 };
}

import { z } from 'zod';
import { Settings } from '../../shared/contract.js';
import type { Db } from './open.js';

/** The time zone of this machine (the default for new pipelines' schedules until the admin chooses one). */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const settingSchemas = {
  ...Settings.shape,
  /** Days run items are kept; older ones are pruned. */
  retentionDays: z.number().int().min(1),
};
export type SettingKey = keyof typeof settingSchemas;
export type SettingValues = { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> };

/** Defaults of every machine-wide setting. `timeZone` follows the machine's zone until one is stored. */
export const settingDefaults: Readonly<SettingValues> = {
  retentionDays: 90,
  language: 'system',
  get timeZone() {
    return systemTimeZone();
  },
  startAtLogin: true,
  logLevel: 'info',
  deleteGuard: { percent: 10, max: 50 },
};

const keys = Object.keys(settingSchemas) as SettingKey[];

export class SettingsRepo {
  constructor(private readonly db: Db) {}
  /** A stored value, or the default when none is stored or the stored one no longer fits its schema. */
  get<K extends SettingKey>(key: K): SettingValues[K] {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!r) return settingDefaults[key];
    let value: unknown;
    try {
      value = JSON.parse(r.value);
    } catch {
      return settingDefaults[key];
    }
    const parsed = settingSchemas[key].safeParse(value);
    return parsed.success ? (parsed.data as SettingValues[K]) : settingDefaults[key];
  }
  set<K extends SettingKey>(key: K, value: SettingValues[K]): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
  all(): SettingValues {
    return Object.fromEntries(keys.map((k) => [k, this.get(k)])) as SettingValues;
  }
  /** Stores several values at once (one transaction). */
  setMany(values: Partial<SettingValues>): void {
    this.db.transaction(() => {
      for (const k of keys) if (values[k] !== undefined) this.set(k, values[k] as SettingValues[typeof k]);
    })();
  }
}

import type { Db } from './open.js';

export const settingDefaults = {
  /** Days run items are kept; older ones are pruned. */
  retentionDays: 90,
} as const;
export type SettingKey = keyof typeof settingDefaults;

export class SettingsRepo {
  constructor(private readonly db: Db) {}
  get<K extends SettingKey>(key: K): (typeof settingDefaults)[K] {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as (typeof settingDefaults)[K]) : settingDefaults[key];
  }
  set<K extends SettingKey>(key: K, value: (typeof settingDefaults)[K]): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}

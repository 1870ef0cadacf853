import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callOperation } from '../../main/app/operations.js';
import { connections } from '../../main/app/connections.js';
import { pipelines } from '../../main/app/pipelines.js';
import { settings } from '../../main/app/settings.js';
import { openStore } from '../../main/store/index.js';
import { appContext } from '../support/app-context.js';

describe('machine-wide settings', () => {
  const opened: { store: { close(): void } }[] = [];
  const fresh = () => {
    const ctx = appContext('ferry-settings-');
    opened.push(ctx);
    return ctx;
  };
  afterEach(() => {
    for (const c of opened.splice(0)) c.store.close();
  });

  it('has defaults: system language and time zone, start at login, info log, guard 10 % / 50; plus the folders', async () => {
    const ctx = fresh();
    const s = await callOperation({ ctx }, 'settings.get', {});
    expect(s).toEqual({
      language: 'system',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      startAtLogin: true,
      logLevel: 'info',
      deleteGuard: { percent: 10, max: 50 },
      dataDir: ctx.dataDir,
      logDir: path.join(ctx.dataDir, 'logs'),
    });
    expect(ctx.store.settings.get('retentionDays')).toBe(90);
  });

  it('stores what is changed, keeps the rest, and reads it back after reopening the data folder', async () => {
    const ctx = fresh();
    const s = await callOperation({ ctx }, 'settings.update', { language: 'de', timeZone: 'America/New_York', deleteGuard: { percent: 5, max: 20 } });
    expect(s).toMatchObject({ language: 'de', timeZone: 'America/New_York', startAtLogin: true, logLevel: 'info', deleteGuard: { percent: 5, max: 20 } });
    await callOperation({ ctx }, 'settings.update', { startAtLogin: false, logLevel: 'debug' });
    const again = openStore(ctx.dataDir);
    opened.push({ store: again });
    expect(again.settings.all()).toMatchObject({ language: 'de', timeZone: 'America/New_York', startAtLogin: false, logLevel: 'debug', deleteGuard: { percent: 5, max: 20 }, retentionDays: 90 });
  });

  it('refuses an unknown time zone (input, with a hint) and stores nothing of that update', async () => {
    const ctx = fresh();
    const err = (() => {
      try {
        settings.update(ctx, { language: 'en', timeZone: 'Mars/Olympus' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toMatchObject({ category: 'input', message: expect.stringContaining('Mars/Olympus') as string, hint: expect.stringContaining('IANA') as string });
    expect(settings.get(ctx).language).toBe('system');
    await expect(callOperation({ ctx }, 'settings.update', { timeZone: 'Nowhere/Else' })).rejects.toMatchObject({ category: 'input' });
    await expect(callOperation({ ctx }, 'settings.update', { logLevel: 'loud' })).rejects.toMatchObject({ category: 'input' });
  });

  it('new pipelines take the time zone and delete guard from the settings when not given', async () => {
    const ctx = fresh();
    settings.update(ctx, { timeZone: 'Asia/Tokyo', deleteGuard: { percent: 3, max: 7 } });
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: 'https://erp.example/CentronService', username: 'ferry' });
    await connections.create(ctx, { kind: 'zabbix', name: 'rmm', url: 'https://zabbix.example/', username: 'Admin' });
    const p = pipelines.create(ctx, { name: 'p', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }] });
    expect(p.config.schedule.timeZone).toBe('Asia/Tokyo');
    expect(p.config.deleteGuard).toEqual({ percent: 3, max: 7 });
    const q = pipelines.create(ctx, { name: 'q', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }], timeZone: 'UTC', deleteGuard: { percent: 1, max: 2 } });
    expect(q.config.schedule.timeZone).toBe('UTC');
    expect(q.config.deleteGuard).toEqual({ percent: 1, max: 2 });
  });
});

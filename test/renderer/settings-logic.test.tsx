import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/contract.js';
import { describeConfig, formOf, formProblems, importProblems, settingsPatch } from '../../renderer/src/screens/settings/settings-form.js';
import { matchZones } from '../../renderer/src/screens/settings/time-zones.js';

const s: SettingsView = { language: 'system', timeZone: 'Europe/Berlin', startAtLogin: true, logLevel: 'info', deleteGuard: { percent: 10, max: 50 }, dataDir: '/d', logDir: '/l' };

describe('settings form', () => {
  it('patches only what changed and checks the guard', () => {
    expect(settingsPatch(s, formOf(s))).toEqual({});
    expect(settingsPatch(s, { ...formOf(s), language: 'de', max: '20' })).toEqual({ language: 'de', deleteGuard: { percent: 10, max: 20 } });
    expect(formProblems({ ...formOf(s), percent: '', max: '2.5' })).toEqual({ percent: 'guard.percentInvalid', max: 'guard.maxInvalid' });
  });

  it('reads the problems of a rejected import and what a file holds', () => {
    expect(importProblems({ problems: [{ path: 'a', message: 'b' }, { nonsense: 1 }] })).toEqual([{ path: 'a', message: 'b' }]);
    expect(importProblems(undefined)).toEqual([]);
    expect(describeConfig({ format: 'ferry-config', connections: [{}, {}], pipelines: [{}] })).toEqual({ connections: 2, pipelines: 1 });
    expect(describeConfig([1])).toBeNull();
  });

  it('finds time zones by part of the name', () => {
    expect(matchZones(['Europe/Berlin', 'America/New_York', 'UTC'], 'new york')).toEqual(['America/New_York']);
    expect(matchZones(['Europe/Berlin', 'UTC'], '')).toEqual(['Europe/Berlin', 'UTC']);
  });
});

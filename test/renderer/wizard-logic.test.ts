import { describe, expect, it } from 'vitest';
import type { WizardAction } from '../../renderer/src/screens/wizard/reducer.js';
import { saveConnection } from '../../renderer/src/screens/wizard/effects.js';
import { nothingToDo, samples, showValue } from '../../renderer/src/screens/wizard/preview.js';
import { intervalChoices, scheduleFromPipeline, scheduleSpec } from '../../renderer/src/screens/wizard/schedule.js';
import { reducer } from '../../renderer/src/screens/wizard/reducer.js';
import { initialState } from '../../renderer/src/screens/wizard/state.js';
import { isTimeOfDay, nameProblem, uniqueName } from '../../renderer/src/screens/wizard/validate.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { fakeBridge } from './render.js';
import { connection, dryRun, erpRmmSchedule, kinds, zero } from './wizard-fixtures.js';

describe('wizard helpers', () => {
  it('picks samples per action and tells an empty preview', () => {
    const r = dryRun('p');
    expect(samples(r.plan ?? []).map((g) => [g.action, g.total])).toEqual([
      ['created', 1],
      ['updated', 1],
      ['skipped', 1],
    ]);
    expect(nothingToDo(r)).toBe(false);
    expect(nothingToDo({ ...r, entities: { customer: { ...zero, unchanged: 5 } } })).toBe(true);
    expect(nothingToDo({ ...r, entities: { customer: { ...zero, unchanged: 5, skipped: 1 } } })).toBe(false);
    expect(showValue(null)).toBe('—');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });

  it('shows the backend\'s proposed schedule and sends the devices interval only while devices sync', () => {
    const c = scheduleFromPipeline(erpRmmSchedule, 'UTC');
    expect(c).toEqual({ everyMinutes: 60, fullDaily: true, fullAt: '23:55', devicesEvery: true, timeZone: 'Europe/Berlin' });
    expect(scheduleSpec(c, true)).toEqual({ everyMinutes: 60, fullAt: '23:55', entityEvery: { device: 45 }, timeZone: 'Europe/Berlin' });
    expect(scheduleSpec({ ...c, fullDaily: false }, false)).toEqual({ everyMinutes: 60, fullAt: null, entityEvery: {}, timeZone: 'Europe/Berlin' });
    expect(intervalChoices(15)).toEqual([5, 15, 30, 60]);
    expect(intervalChoices(120)).toEqual([5, 15, 30, 60, 120]);
    expect(isTimeOfDay('23:55')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
  });

  it('checks names', () => {
    expect(uniqueName('Zabbix', ['zabbix', 'Zabbix 2'])).toBe('Zabbix 3');
    expect(nameProblem(' x')).toBe('name.start');
    expect(nameProblem('ERP', ['erp'])).toBe('name.taken');
    expect(nameProblem('x'.repeat(81))).toBe('name.long');
  });

  it('records an update that succeeded even when the new secret then fails', async () => {
    const stored = connection({ id: 'con_1', kind: 'centron', name: 'ERP', url: 'https://a.example/' });
    let s = reducer(initialState('connection'), { type: 'loaded', kinds, connections: [], pipelines: [] });
    s = reducer(s, { type: 'side', side: 'left', patch: { kind: 'centron', name: 'ERP', url: 'https://a.example/', username: 'ferry' } });
    s = reducer(s, { type: 'connectionSaved', side: 'left', connection: stored });
    s = reducer(s, { type: 'side', side: 'left', patch: { url: 'https://b.example/', secret: 'new' } });
    const api = fakeBridge({
      'connections.update': (i) => ({ ...stored, url: i.url ?? stored.url }),
      'connections.setSecret': () => {
        throw new ApiError('needs-credentials', 'The keychain is locked.', 'Unlock it.');
      },
    });
    const actions: WizardAction[] = [];
    await expect(saveConnection(api, s, 'left', (a) => actions.push(a))).rejects.toThrow('The keychain is locked.');
    expect(api.calls.map((c) => c.op)).toEqual(['connections.update', 'connections.setSecret']);
    s = actions.reduce(reducer, s);
    expect(s.left.saved?.url).toBe('https://b.example/');
    // The typed secret is gone from the state after a save (the admin types it again to retry).
    expect(s.left.secret).toBe('');
  });

  it('replaces a stored connection of another system instead of keeping both', async () => {
    const stored = connection({ id: 'con_1', kind: 'centron', name: 'c-entron' });
    let s = reducer(initialState('connection'), { type: 'loaded', kinds, connections: [], pipelines: [] });
    s = reducer(s, { type: 'side', side: 'left', patch: { kind: 'centron', url: 'https://a.example/' } });
    s = reducer(s, { type: 'connectionSaved', side: 'left', connection: stored });
    s = reducer(s, { type: 'side', side: 'left', patch: { kind: 'zabbix', secret: 'pw' } });
    const api = fakeBridge({
      'connections.remove': (i) => ({ removed: i.name }),
      'connections.create': (i) => connection({ id: 'con_2', kind: i.kind, name: i.name, url: i.url }),
    });
    const actions: WizardAction[] = [];
    await saveConnection(api, s, 'left', (a) => actions.push(a));
    expect(api.calls.map((c) => [c.op, (c.input as { name: string }).name])).toEqual([
      ['connections.remove', 'c-entron'],
      ['connections.create', 'Zabbix (6.0 or newer)'],
    ]);
    s = actions.reduce(reducer, s);
    expect(s.left.saved?.id).toBe('con_2');
    expect(s.connections.map((c) => c.id)).toEqual(['con_2']);
  });
});

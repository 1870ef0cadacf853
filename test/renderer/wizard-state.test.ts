import { describe, expect, it } from 'vitest';
import { directionUnavailable, flowsSpec } from '../../renderer/src/screens/wizard/flows.js';
import { canAdvance, kindOf, nextBlocker, pendingWork, steps } from '../../renderer/src/screens/wizard/derive.js';
import { reducer, type WizardAction } from '../../renderer/src/screens/wizard/reducer.js';
import { initialState, type WizardState } from '../../renderer/src/screens/wizard/state.js';
import { urlProblem } from '../../renderer/src/screens/wizard/validate.js';
import { centron, connection, crm, kinds, pipeline, zabbix } from './wizard-fixtures.js';

const run = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(reducer, state);
const loaded = (mode: 'full' | 'connection' | 'pipeline' = 'full') => run(initialState(mode, 'Europe/Berlin'), { type: 'loaded', kinds, connections: [], pipelines: [] });

/** Left side: c-entron, created and tested ok; the wizard then stands on the left preflight. */
function leftDone(): WizardState {
  const left = connection({ id: 'con_l', kind: 'centron', name: 'c-entron', url: 'https://erp.example/CentronService' });
  return run(
    loaded(),
    { type: 'side', side: 'left', patch: { kind: 'centron' } },
    { type: 'next' },
    { type: 'side', side: 'left', patch: { url: 'https://erp.example/CentronService', username: 'ferry' } },
    { type: 'next' },
    { type: 'side', side: 'left', patch: { secret: 's3cret' } },
    { type: 'connectionSaved', side: 'left', connection: left },
    { type: 'next' },
    { type: 'tested', side: 'left', result: { category: 'ok', message: 'ok', hint: '' } },
    { type: 'next' },
  );
}

describe('wizard state', () => {
  it('goes through both systems and the pipeline in order; connection mode stops after one system', () => {
    expect(steps(loaded()).map((s) => `${s.side ?? '-'}:${s.id}`)).toEqual([
      'left:system', 'left:account', 'left:secret', 'left:test', 'left:preflight',
      'right:system', 'right:account', 'right:secret', 'right:test', 'right:preflight',
      '-:flows', '-:uniqueness', '-:schedule', '-:review', '-:activate',
    ]);
    expect(steps(loaded('connection')).map((s) => s.id)).toEqual(['system', 'account', 'secret', 'test', 'preflight']);
    // An existing connection needs no address or password: it is tested and checked only.
    expect(steps(loaded('pipeline')).filter((s) => s.side === 'left').map((s) => s.id)).toEqual(['system', 'test', 'preflight']);
  });

  it('names the connection after the kind until the admin types a name', () => {
    let s = run(loaded(), { type: 'side', side: 'left', patch: { kind: 'zabbix' } });
    expect(s.left.name).toBe('Zabbix (6.0 or newer)');
    s = run(s, { type: 'side', side: 'left', patch: { kind: 'centron' } });
    expect(s.left.name).toBe('c-entron');
    s = run(s, { type: 'side', side: 'left', patch: { name: 'ERP' } }, { type: 'side', side: 'left', patch: { kind: 'zabbix' } });
    expect(s.left.name).toBe('ERP');
  });

  it('keeps everything when going back and forward', () => {
    let s = run(
      loaded(),
      { type: 'side', side: 'left', patch: { kind: 'centron', ticked: [0, 2] } },
      { type: 'next' },
      { type: 'side', side: 'left', patch: { url: 'https://erp.example/CentronService', username: 'ferry', name: 'ERP' } },
      { type: 'next' },
      { type: 'side', side: 'left', patch: { secret: 'typed' } },
    );
    expect(s.step).toEqual({ id: 'secret', side: 'left' });
    s = run(s, { type: 'back' }, { type: 'back' });
    expect(s.step).toEqual({ id: 'system', side: 'left' });
    expect(s.left).toMatchObject({ kind: 'centron', ticked: [0, 2], name: 'ERP', url: 'https://erp.example/CentronService', username: 'ferry', secret: 'typed' });
    s = run(s, { type: 'next' }, { type: 'next' });
    expect(s.step).toEqual({ id: 'secret', side: 'left' });
    expect(s.left.secret).toBe('typed');
  });

  it('keeps the flows, name and schedule when going back from the schedule to the first system and forward again', () => {
    let s = leftDone();
    s = run(s, { type: 'preflighted', side: 'left', checks: [] }, { type: 'next' });
    const right = connection({ id: 'con_r', kind: 'zabbix', name: 'Zabbix', url: 'https://rmm.example/zabbix/' });
    s = run(
      s,
      { type: 'side', side: 'right', patch: { kind: 'zabbix' } },
      { type: 'next' },
      { type: 'side', side: 'right', patch: { url: 'https://rmm.example/zabbix/', name: 'Zabbix' } },
      { type: 'next' },
      { type: 'connectionSaved', side: 'right', connection: right },
      { type: 'next' },
      { type: 'tested', side: 'right', result: { category: 'ok', message: '', hint: '' } },
      { type: 'next' },
      { type: 'preflighted', side: 'right', checks: [{ id: 'x', title: 'x', status: 'warn', message: '', hint: '' }] },
      { type: 'next' },
    );
    expect(s.step.id).toBe('flows');
    expect(s.pipeline.flows?.customer.direction).toBe('to-right');
    expect(s.pipeline.flows?.customer.match).toBe('name');
    expect(s.pipeline.name).toBe('c-entron - Zabbix');
    s = run(s, { type: 'flow', entity: 'device', patch: { direction: 'to-right', deletePolicy: 'archive' } }, { type: 'pipelineName', name: 'ERP to RMM' });
    const p = pipeline({ name: 'ERP to RMM', left: connection({ id: 'con_l', kind: 'centron', name: 'c-entron' }), right });
    s = run(s, { type: 'pipelineSaved', pipeline: p }, { type: 'next' }, { type: 'checked', report: { pipeline: 'ERP to RMM', unique: true, entities: [] } }, { type: 'next' });
    expect(s.step.id).toBe('schedule');
    expect(s.pipeline.schedule).toEqual({ everyMinutes: 60, fullDaily: true, fullAt: '23:55', devicesEvery: true, timeZone: 'Europe/Berlin' });
    s = run(s, { type: 'schedule', patch: { everyMinutes: 15 } });
    for (let i = 0; i < 12; i++) s = reducer(s, { type: 'back' });
    expect(s.step).toEqual({ id: 'system', side: 'left' });
    for (let i = 0; i < 12; i++) s = reducer(s, { type: 'next' });
    expect(s.step.id).toBe('schedule');
    expect(s.pipeline.flows?.device).toEqual({ direction: 'to-right', match: 'number', conflictPolicy: 'manual', deletePolicy: 'archive' });
    expect(s.pipeline.name).toBe('ERP to RMM');
    expect(s.pipeline.schedule?.everyMinutes).toBe(15);
    expect(s.pipeline.uniqueness?.unique).toBe(true);
    // The changed interval is not stored yet: Next stores it first.
    expect(pendingWork(s)).toBe('schedule');
  });

  it('does not go past the test until it is ok', () => {
    let s = leftDone();
    s = run(s, { type: 'back' });
    expect(s.step).toEqual({ id: 'test', side: 'left' });
    s = run(s, { type: 'tested', side: 'left', result: { category: 'auth', message: 'Login failed', hint: 'Check the password.' } });
    expect(nextBlocker(s)).toBe('test.failed');
    expect(run(s, { type: 'next' }).step).toEqual({ id: 'test', side: 'left' });
    // Back to fix the password is always possible.
    expect(run(s, { type: 'back' }).step).toEqual({ id: 'secret', side: 'left' });
    s = run(s, { type: 'tested', side: 'left', result: { category: 'ok', message: '', hint: '' } });
    expect(nextBlocker(s)).toBeNull();
    expect(run(s, { type: 'next' }).step).toEqual({ id: 'preflight', side: 'left' });
  });

  it('forgets the test once the connection is changed, and needs storing before leaving the password step', () => {
    let s = leftDone();
    s = run(s, { type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'side', side: 'left', patch: { url: 'https://erp2.example/CentronService' } }, { type: 'next' });
    expect(s.step.id).toBe('secret');
    expect(nextBlocker(s)).toBeNull();
    expect(pendingWork(s)).toBe('connection');
    expect(canAdvance(s)).toBe(false);
    s = run(s, { type: 'connectionSaved', side: 'left', connection: connection({ id: 'con_l', kind: 'centron', name: 'c-entron', url: 'https://erp2.example/CentronService' }) });
    expect(pendingWork(s)).toBeNull();
    expect(s.left.test).toBeNull();
    s = run(s, { type: 'next' });
    expect(nextBlocker(s)).toBe('test.notRun');
  });

  it('allows Next after the preflight only without failures (warnings are fine)', () => {
    let s = leftDone();
    s = run(s, { type: 'preflighted', side: 'left', checks: [{ id: 'a', title: 'Address master', status: 'fail', message: 'off', hint: 'Turn it on.' }] });
    expect(nextBlocker(s)).toBe('preflight.failed');
    s = run(s, { type: 'preflighted', side: 'left', checks: [{ id: 'a', title: 'Address master', status: 'warn', message: '', hint: '' }] });
    expect(nextBlocker(s)).toBeNull();
  });

  it('blocks the second system from using the first one\'s connection', () => {
    const a = connection({ id: 'con_a', kind: 'centron', name: 'ERP' });
    const b = connection({ id: 'con_b', kind: 'zabbix', name: 'RMM' });
    let s = run(initialState('pipeline'), { type: 'loaded', kinds, connections: [a, b], pipelines: [] }, { type: 'side', side: 'left', patch: { existing: 'ERP' } });
    s = run(s, { type: 'next' }, { type: 'tested', side: 'left', result: { category: 'ok', message: '', hint: '' } }, { type: 'next' }, { type: 'preflighted', side: 'left', checks: [] }, { type: 'next' });
    expect(s.step).toEqual({ id: 'system', side: 'right' });
    s = run(s, { type: 'side', side: 'right', patch: { existing: 'ERP' } });
    expect(nextBlocker(s)).toBe('system.sameConnection');
    s = run(s, { type: 'side', side: 'right', patch: { existing: 'RMM' } });
    expect(nextBlocker(s)).toBeNull();
  });

  it('checks URL and name on the account step', () => {
    let s = run(loaded(), { type: 'side', side: 'left', patch: { kind: 'centron' } }, { type: 'next' });
    expect(nextBlocker(s)).toBe('url.empty');
    s = run(s, { type: 'side', side: 'left', patch: { url: 'centron.example.local' } });
    expect(nextBlocker(s)).toBe('url.scheme');
    s = run(s, { type: 'side', side: 'left', patch: { url: 'https://centron.example.local/CentronService' } });
    expect(nextBlocker(s)).toBeNull();
    s = run(s, { type: 'loaded', connections: [connection({ kind: 'zabbix', name: 'c-entron' })] });
    expect(nextBlocker(s)).toBe('name.taken');
    expect(urlProblem('ftp://x')).toBe('url.scheme');
    expect(urlProblem('https://exa mple')).toBe('url.spaces');
    expect(urlProblem('https://')).toBe('url.invalid');
  });
});

describe('flows by capabilities', () => {
  it('offers a direction only where the source reads and the target writes, with the system\'s reason', () => {
    // c-entron → Zabbix customers: c-entron reads, Zabbix writes.
    expect(directionUnavailable('customer', 'to-right', centron, zabbix)).toBeNull();
    // c-entron ← Zabbix: c-entron cannot write customers.
    expect(directionUnavailable('customer', 'to-left', centron, zabbix)).toMatchObject({ side: 'left', lacks: 'write' });
    expect(directionUnavailable('customer', 'both', centron, zabbix)).toMatchObject({ side: 'left', lacks: 'write' });
    // Invoices: c-entron can neither read nor write them, and says why.
    for (const d of ['to-right', 'to-left', 'both'] as const) {
      expect(directionUnavailable('invoice', d, centron, zabbix)?.note).toContain('invoices');
    }
    expect(directionUnavailable('invoice', 'to-right', centron, zabbix)).toMatchObject({ side: 'left', lacks: 'read' });
  });

  it('disables a chosen direction through Next when it is not possible, and requires customers for children', () => {
    let s = leftDone();
    const right = connection({ id: 'con_r', kind: 'zabbix', name: 'Zabbix' });
    s = run(s, { type: 'loaded', connections: [...s.connections, right] }, { type: 'preflighted', side: 'left', checks: [] }, { type: 'next' });
    s = run(s, { type: 'side', side: 'right', patch: { source: 'existing', existing: 'Zabbix' } }, { type: 'next' }, { type: 'tested', side: 'right', result: { category: 'ok', message: '', hint: '' } }, { type: 'next' }, { type: 'preflighted', side: 'right', checks: [] }, { type: 'next' });
    expect(s.step.id).toBe('flows');
    expect(nextBlocker(s)).toBeNull();
    s = run(s, { type: 'flow', entity: 'customer', patch: { direction: 'to-left' } });
    expect(nextBlocker(s)).toBe('flows.directionUnavailable');
    s = run(s, { type: 'flow', entity: 'customer', patch: { direction: 'off' } }, { type: 'flow', entity: 'device', patch: { direction: 'to-right' } });
    expect(nextBlocker(s)).toBe('flows.needsCustomer');
    s = run(s, { type: 'flow', entity: 'customer', patch: { direction: 'to-right' } });
    expect(nextBlocker(s)).toBeNull();
  });

  it('offers newer-wins only where both sides report change times; conflict policies only for two-way flows', () => {
    const flows = {
      customer: { direction: 'both', match: 'number', conflictPolicy: 'newer-wins', deletePolicy: 'ignore' },
      contact: { direction: 'to-right', match: 'name', conflictPolicy: 'left-wins', deletePolicy: 'propagate' },
      contract: { direction: 'off', match: 'number', conflictPolicy: 'manual', deletePolicy: 'ignore' },
      device: { direction: 'off', match: 'number', conflictPolicy: 'manual', deletePolicy: 'ignore' },
      ticket: { direction: 'off', match: 'number', conflictPolicy: 'manual', deletePolicy: 'ignore' },
      invoice: { direction: 'off', match: 'number', conflictPolicy: 'manual', deletePolicy: 'ignore' },
    } as const;
    expect(flowsSpec(flows)).toEqual({
      entities: [
        { entity: 'customer', direction: 'both' },
        { entity: 'contact', direction: 'to-right' },
      ],
      match: { customer: 'number', contact: 'name' },
      conflictPolicy: { customer: 'newer-wins' },
      deletePolicy: { customer: 'ignore', contact: 'propagate' },
    });
    const a = connection({ id: 'c1', kind: 'crm', name: 'CRM A' });
    const b = connection({ id: 'c2', kind: 'crm', name: 'CRM B' });
    let s = run(initialState('pipeline'), { type: 'loaded', kinds: [...kinds, crm], connections: [a, b], pipelines: [] });
    s = { ...s, left: { ...s.left, existing: 'CRM A' }, right: { ...s.right, existing: 'CRM B' }, step: { id: 'flows', side: null }, pipeline: { ...s.pipeline, name: 'CRM', flows: { ...flows } } };
    expect(nextBlocker(s)).toBeNull();
    s = { ...s, right: { ...s.right, existing: null } };
    s = run(s, { type: 'loaded', connections: [a, b, connection({ id: 'c3', kind: 'zabbix', name: 'Z' })] });
    s = { ...s, right: { ...s.right, existing: 'Z' } };
    expect(nextBlocker(s)).toBe('flows.newerWinsUnavailable');
  });

  it('goes by what a connection can do with its own options once the backend said so', () => {
    let s = leftDone();
    const device = (st: WizardState) => kindOf(st, 'left')?.entities.find((e) => e.entity === 'device');
    expect(device(s)?.write).toBe(false);
    const own = centron.entities.map((e) => (e.entity === 'device' ? { ...e, write: true, note: null } : e));
    s = run(s, { type: 'capabilities', id: 'con_l', entities: own });
    expect(device(s)?.write).toBe(true);
    // Saved again (its options may have changed): the kind's defaults until the backend answers anew.
    s = run(s, { type: 'connectionSaved', side: 'left', connection: connection({ id: 'con_l', kind: 'centron', name: 'c-entron' }) });
    expect(device(s)?.write).toBe(false);
  });

  it('keeps options per side, forgets them for another system, and stores changed ones', () => {
    let s = run(loaded(), { type: 'side', side: 'left', patch: { kind: 'centron' } }, { type: 'option', side: 'left', key: 'deviceWrite', value: 'confirmed' });
    expect(s.left.options).toEqual({ deviceWrite: 'confirmed' });
    s = run(s, { type: 'side', side: 'left', patch: { kind: 'zabbix' } });
    expect(s.left.options).toEqual({});
    // A stored connection whose options were changed must be stored again.
    s = leftDone();
    expect(pendingWork({ ...s, step: { id: 'secret', side: 'left' } })).toBeNull();
    s = run(s, { type: 'option', side: 'left', key: 'deviceWrite', value: 'confirmed' });
    expect(pendingWork({ ...s, step: { id: 'secret', side: 'left' } })).toBe('connection');
  });
});

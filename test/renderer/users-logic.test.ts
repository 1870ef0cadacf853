import { describe, expect, it } from 'vitest';
import type { Kind } from '../../shared/contract.js';
import { reasonKey, sortUsers, userStates, type UserStatus } from '../../renderer/src/screens/pipelines/users-logic.js';
import { usersProblem } from '../../renderer/src/screens/wizard/derive.js';
import { childrenWithoutCustomer, defaultFlows } from '../../renderer/src/screens/wizard/flows.js';
import { carddav, centron, sugarcrm, zabbix } from './wizard-fixtures.js';

describe('acting for each user: the rule for a pair of kinds (as main/app/per-user.ts)', () => {
  const onecrm: Kind = { ...sugarcrm, kind: 'onecrm', label: '1CRM' };
  it('needs both kinds to know users and one of them to list them', () => {
    expect(usersProblem(sugarcrm, carddav)).toBeNull();
    expect(usersProblem(carddav, sugarcrm)).toBeNull();
    expect(usersProblem(sugarcrm, onecrm)).toBeNull();
    expect(usersProblem(centron, zabbix)).toEqual({ reason: 'unsupported', systems: ['c-entron', 'Zabbix (6.0 or newer)'] });
    expect(usersProblem(sugarcrm, zabbix)).toEqual({ reason: 'unsupported', systems: ['Zabbix (6.0 or newer)'] });
    expect(usersProblem(carddav, { ...carddav, kind: 'carddav2' })).toEqual({ reason: 'noDirectory' });
    expect(usersProblem(undefined, sugarcrm)).toEqual({ reason: 'unsupported', systems: ['?'] });
  });

  it('lets contacts go without customers where the pair cannot sync customers at all', () => {
    const flows = defaultFlows(sugarcrm, carddav);
    expect(flows.customer.direction).toBe('off');
    const on = { ...flows, contact: { ...flows.contact, direction: 'to-right' as const } };
    expect(childrenWithoutCustomer(on, sugarcrm, carddav)).toEqual([]);
    // c-entron and Zabbix can sync customers: devices still need them.
    const erp = defaultFlows(centron, zabbix);
    const devices = { ...erp, customer: { ...erp.customer, direction: 'off' as const }, device: { ...erp.device, direction: 'to-right' as const } };
    expect(childrenWithoutCustomer(devices, centron, zabbix)).toEqual(['device']);
  });
});

describe('users of a pipeline', () => {
  const u = (email: string, status: 'ok' | 'failed' | 'partial' | null): UserStatus => ({
    email,
    lastRun: status
      ? { run: `r-${email}`, pipeline: 'p', pipelineId: 'p', mode: 'delta', dryRun: false, trigger: 'schedule', status, startedAt: '2025-01-01T00:00:00Z', finishedAt: null, durationMs: null, entities: {}, error: null }
      : null,
  });
  it('counts per state and sorts the failed first', () => {
    const users = [u('c@x', 'ok'), u('a@x', 'ok'), u('b@x', 'failed'), u('d@x', null), u('e@x', 'partial')];
    expect(userStates(users)).toEqual([
      { state: 'failed', count: 1 },
      { state: 'partial', count: 1 },
      { state: 'never', count: 1 },
      { state: 'ok', count: 2 },
    ]);
    expect(sortUsers(users).map((x) => x.email)).toEqual(['b@x', 'e@x', 'd@x', 'a@x', 'c@x']);
  });
  it("knows the backend's reasons", () => {
    expect(reasonKey('no primary e-mail address')).toEqual({ key: 'noEmail' });
    expect(reasonKey('inactive')).toEqual({ key: 'inactive' });
    expect(reasonKey('no user with this e-mail on the other side')).toEqual({ key: 'noCounterpart' });
    expect(reasonKey('2 users share the e-mail address')).toEqual({ key: 'shared', n: 2 });
    expect(reasonKey('something new')).toBeNull();
  });
});

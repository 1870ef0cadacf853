// Seed 003's per-user test and the user list for impersonation, against the SugarCRM simulator.
import { afterEach, describe, expect, it } from 'vitest';
import { sugarFactory } from '../../main/connectors/sugarcrm/index.js';
import type { Connector } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import { DEFAULT_USERS } from '../simulators/sugarcrm/generator.js';
import { startSugarSimulator, type SugarSimulator, type SugarSimulatorOptions } from '../simulators/sugarcrm/server.js';

const open: { sim: SugarSimulator; conn: Connector }[] = [];
afterEach(async () => {
  for (const { sim, conn } of open.splice(0)) {
    await conn.close();
    await sim.stop();
  }
});

async function setup(o: SugarSimulatorOptions = {}) {
  const sim = await startSugarSimulator({ data: { accounts: 3, contactsPerAccount: 1, cases: 0, seed: 1 }, ...o });
  const conn = sugarFactory.create({ config: { id: 'c1', kind: 'sugarcrm', name: 'crm', url: sim.url, username: 'admin', options: {} }, secrets: { password: 'secret' }, log: createNullLogger() });
  open.push({ sim, conn });
  return { sim, conn };
}
const liveAccounts = (sim: SugarSimulator) => [...sim.state.table('Accounts').values()].filter((r) => r['deleted'] === '0').length;

describe('sugarcrm: users and the per-user test (seed 003)', () => {
  it('lists the users with their primary e-mail and whether they are active', async () => {
    const { conn } = await setup();
    const users = await conn.users!();
    expect(users.map((u) => [u.login, u.email, u.active])).toEqual(
      expect.arrayContaining([
        ['admin', 'admin@example.de', true],
        ['jmueller', 'joerg.mueller@example.de', true],
        ['skoenig', 'Sabine.Koenig@example.de', true],
        ['uweiss', 'uwe.weiss@example.de', false],
      ]),
    );
    expect(users.find((u) => u.login === 'jmueller')?.name).toBe('Jörg Müller');
  });

  it('acting for a user: a probe account owned by that user is created and removed again (e-mail compared case-insensitively)', async () => {
    const { sim, conn } = await setup();
    const before = liveAccounts(sim);
    const r = await conn.test({ user: ' SABINE.koenig@example.de ' });
    expect(r).toMatchObject({ category: 'ok', details: { login: 'skoenig' } });
    expect(liveAccounts(sim)).toBe(before);
    // The probe really was written for her: the simulator keeps the deleted row with its owner.
    const probe = [...sim.state.table('Accounts').values()].find((a) => String(a['name']).startsWith('Ferry probe'));
    expect(probe).toMatchObject({ deleted: '1', assigned_user_id: r.details?.['userId'] });
  });

  it('no user with that e-mail, an inactive user, and two users sharing it: each says what to do, nothing is written', async () => {
    const users = [...DEFAULT_USERS, { user_name: 'jmueller2', password: 'x', first_name: 'Jörg', last_name: 'Müller', email1: 'JOERG.mueller@example.de' }];
    const { sim, conn } = await setup({ users });
    const rows = sim.state.table('Accounts').size;
    const none = await conn.test({ user: 'nobody@example.de' });
    expect(none).toMatchObject({ category: 'config', message: expect.stringContaining('no user has the primary e-mail address nobody@example.de') });
    expect(none.hint).toMatch(/primary e-mail/);
    const inactive = await conn.test({ user: 'uwe.weiss@example.de' });
    expect(inactive).toMatchObject({ category: 'permission', message: expect.stringContaining('"uweiss"') });
    expect(inactive.hint).toMatch(/Activate/);
    const twice = await conn.test({ user: 'joerg.mueller@example.de' });
    expect(twice).toMatchObject({ category: 'config', message: expect.stringMatching(/2 users .*"jmueller".*"jmueller2"/) });
    expect(twice.hint).toMatch(/never picks one by guess/);
    expect(sim.state.table('Accounts').size).toBe(rows);
  });

  it('a wrong connection password fails the per-user test as auth, before any user is looked at', async () => {
    const sim = await startSugarSimulator({ data: { accounts: 1, contactsPerAccount: 0, cases: 0, seed: 1 } });
    const conn = sugarFactory.create({ config: { id: 'c1', kind: 'sugarcrm', name: 'crm', url: sim.url, username: 'admin', options: {} }, secrets: { password: 'wrong' }, log: createNullLogger() });
    open.push({ sim, conn });
    expect(await conn.test({ user: 'joerg.mueller@example.de' })).toMatchObject({ category: 'auth' });
  });
});

// Seed 003: the CRM password changes → runs fail with category auth and the tray announces it; after the secret is
// updated the next full run picks up everything that happened meanwhile, with nothing lost or duplicated.
import { afterEach, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { getStatus } from '../../main/app/status.js';
import { NotificationGate } from '../../main/tray/notifications.js';
import { translator } from '../../main/tray/strings.js';
import { startCentronSimulator, type CentronSimulator } from '../simulators/centron/server.js';
import { startSugarSimulator, type SugarSimulator } from '../simulators/sugarcrm/server.js';
import { appContext } from '../support/app-context.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('a password change on the CRM side (seed 003)', () => {
  it('fails runs with auth and a notification; after set-secret the next full run catches up without duplicates', async () => {
    const erp: CentronSimulator = await startCentronSimulator({ users: [{ username: 'ferry', password: 'secret', rights: 'all' }], data: { customers: 12, devices: 0, seed: 5, hostile: true } });
    stops.push(() => erp.stop());
    const crm: SugarSimulator = await startSugarSimulator({ data: { accounts: 0, contactsPerAccount: 0, cases: 0, seed: 1 } });
    stops.push(() => crm.stop());
    const ctx = appContext('ferry-pwchange-');
    stops.push(async () => ctx.store.close());
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: erp.url, username: 'ferry', secret: 'secret' });
    await connections.create(ctx, { kind: 'sugarcrm', name: 'crm', url: crm.url, username: 'admin', secret: 'secret' });
    pipelines.create(ctx, {
      name: 'erp-crm',
      left: 'erp',
      right: 'crm',
      entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'contact', direction: 'to-right' }],
      match: { customer: 'name', contact: 'external-id' },
    });
    const accounts = () => [...crm.state.table('Accounts').values()].filter((a) => a['deleted'] === '0');
    const activeCustomers = () => erp.state.listCustomers().filter((c) => c.IsActive);

    const first = await executeRun(ctx, { pipeline: 'erp-crm', mode: 'full' });
    expect(first.status).toBe('ok');
    expect(accounts()).toHaveLength(activeCustomers().length);

    // The admin changes the connection user's password in the CRM; meanwhile c-entron gets a new customer and an edit.
    crm.state.passwords.set('1', 'new-secret');
    const added = erp.state.addCustomer({ Name: 'Neukunde Jäger & Söhne GmbH' });
    const edited = activeCustomers()[0]!;
    erp.state.updateCustomer(edited.I3D, { Phone: '+49 89 123456' });

    const gate = new NotificationGate();
    const t = translator('en');
    const failed = await executeRun(ctx, { pipeline: 'erp-crm', mode: 'delta' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ category: 'auth' });
    expect(failed.error?.hint).toMatch(/password/i);
    const report = await getStatus(ctx);
    expect(report.needsAttention).toBe(true);
    const notes = gate.next({ status: report, openConflicts: {} }, t);
    expect(notes).toEqual([expect.objectContaining({ cause: 'run-failed', subject: 'erp-crm' })]);
    // The next failure of the same kind is a new run: announced again, never silently swallowed.
    await executeRun(ctx, { pipeline: 'erp-crm', mode: 'delta' });
    expect(gate.next({ status: await getStatus(ctx), openConflicts: {} }, t)).toHaveLength(1);
    expect(accounts().some((a) => a['name'] === 'Neukunde Jäger & Söhne GmbH')).toBe(false);

    // The admin updates the password in Ferry (`ferry connections set-secret crm`): sync resumes by itself.
    await connections.setSecret(ctx, 'crm', 'new-secret');
    const caughtUp = await executeRun(ctx, { pipeline: 'erp-crm', mode: 'full' });
    expect(caughtUp.status).toBe('ok');
    expect(caughtUp.entities.customer).toMatchObject({ created: 1, updated: 1, failed: 0 });
    const names = accounts().map((a) => a['name']);
    expect(names).toHaveLength(activeCustomers().length);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(added.Name);
    expect(accounts().find((a) => a['name'] === edited.Name)?.['phone_office']).toBe('+49 89 123456');
    const quiet = await executeRun(ctx, { pipeline: 'erp-crm', mode: 'delta' });
    expect(quiet.entities.customer).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    expect(quiet.entities.contact).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    expect((await getStatus(ctx)).needsAttention).toBe(false);
  });
});

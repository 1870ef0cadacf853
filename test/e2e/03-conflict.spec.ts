import { expect, test } from '@playwright/test';
import { api, expectAccessible, openFerry } from './fixtures.js';
import { centron, ensureSeed000, setCentronSerial, setZabbixSerial, zabbix } from './systems.js';

// Devices both ways with manual conflicts: the same device changed in c-entron and in Zabbix waits in the inbox
// until the admin decides there, field by field.
test('a conflict is decided field by field in the inbox and written on the next run', async ({ page }) => {
  const names = await ensureSeed000('ui');
  const pipeline = 'ui-both';
  await api('pipelines.create', { name: pipeline, left: names.erp, right: names.rmm, entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'both' }], conflictPolicy: { device: 'manual' }, timeZone: 'Europe/Berlin', paused: true });
  await api('runs.start', { pipeline, mode: 'full', trigger: 'manual' });
  // A device both systems know (added by the sync spec's RMM agents, brought into c-entron by Ferry).
  const z = await zabbix();
  const host = (await z.call<{ host: string }[]>('host.get', { output: ['host'], search: { host: 'ui-' } }))[0];
  expect(host, 'the sync spec adds hosts first').toBeDefined();
  await setCentronSerial(host!.host, 'SN-FROM-ERP');
  await setZabbixSerial(host!.host, 'SN-FROM-RMM');
  await api('runs.start', { pipeline, trigger: 'manual' });
  const open = await api<{ id: number; differing: string[] }[]>('conflicts.list', { pipeline });
  expect(open).toHaveLength(1);
  const id = open[0]!.id;

  await openFerry(page, '#/conflicts');
  await page.getByTestId(`conflict-row-${id}`).getByRole('link').click();
  await expect(page.getByTestId('conflict-left-serialNumber')).toContainText('SN-FROM-ERP');
  await expect(page.getByTestId('conflict-right-serialNumber')).toContainText('SN-FROM-RMM');
  await expect(page.getByTestId('conflict-field-serialNumber')).toHaveAttribute('data-differs', 'true');
  await expectAccessible(page, 'conflict detail');
  for (const f of open[0]!.differing) await page.getByTestId(`conflict-choice-${f}-right`).click();
  await page.getByTestId('conflict-merge').click();
  await expect(page.getByTestId('conflict-resolved')).toBeVisible();

  await api('runs.start', { pipeline, trigger: 'manual' });
  const c = centron();
  let serial: string | null = null;
  for await (const p of c.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } } as never)) {
    for (const d of p.items as { Code?: string; SerialNumber?: string | null }[]) if (d.Code === host!.host) serial = d.SerialNumber ?? null;
  }
  await c.close();
  expect(serial).toBe('SN-FROM-RMM');
});

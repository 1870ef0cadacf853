import { describe, expect, it } from 'vitest';
import { callOperation } from '../../main/app/operations.js';
import { DEVICE_WRITE_OFF_NOTE, INVOICE_NOTE } from '../../main/connectors/centron/index.js';
import { entityOrder } from '../../shared/entities.js';
import { appContext } from '../support/app-context.js';

describe('kinds.list: what each kind can do per entity', () => {
  it('lists the user kinds with every entity, from the connectors\' own capabilities', async () => {
    const ctx = appContext('ferry-kinds-');
    try {
      const kinds = await callOperation({ ctx }, 'kinds.list', {});
      expect(kinds.map((k) => k.kind)).toEqual(['centron', 'zabbix', 'carddav', 'sugarcrm', 'onecrm']); // the demo stand-in stays hidden
      for (const k of kinds) expect(k.entities.map((e) => e.entity)).toEqual([...entityOrder]);
      const cap = (kind: string, entity: string) => kinds.find((k) => k.kind === kind)!.entities.find((e) => e.entity === entity)!;

      expect(cap('centron', 'invoice')).toEqual({ entity: 'invoice', read: false, write: false, delete: false, modifiedAt: false, note: INVOICE_NOTE });
      expect(cap('centron', 'customer')).toMatchObject({ read: true, write: false, note: expect.stringContaining('no public method') as string });
      // Device write is off until the admin confirms it: the connector's own note says so.
      expect(cap('centron', 'device')).toMatchObject({ read: true, write: false, note: DEVICE_WRITE_OFF_NOTE });

      expect(cap('zabbix', 'customer')).toEqual({ entity: 'customer', read: true, write: true, delete: true, modifiedAt: false, note: null });
      expect(cap('zabbix', 'device')).toMatchObject({ read: true, write: true });
      expect(cap('zabbix', 'ticket')).toMatchObject({ read: false, write: false, note: expect.stringContaining('does not offer tickets') as string });

      expect(cap('carddav', 'contact')).toEqual({ entity: 'contact', read: true, write: true, delete: true, modifiedAt: false, note: null });
      expect(cap('sugarcrm', 'customer')).toEqual({ entity: 'customer', read: true, write: true, delete: true, modifiedAt: true, note: null });
      expect(cap('sugarcrm', 'contact')).toEqual({ entity: 'contact', read: true, write: true, delete: true, modifiedAt: true, note: null });
      expect(cap('sugarcrm', 'ticket')).toMatchObject({ read: true, write: true });
      expect(cap('sugarcrm', 'device')).toMatchObject({ read: false, write: false });
      expect(cap('carddav', 'customer')).toMatchObject({ read: false, write: false, note: expect.stringContaining('does not offer customers') as string });
    } finally {
      ctx.store.close();
    }
  });

  it('offers each kind\'s options for a form, and a connection\'s capabilities follow its own options', async () => {
    const ctx = appContext('ferry-kinds-opt-');
    try {
      const kinds = await callOperation({ ctx }, 'kinds.list', {});
      const centron = kinds.find((k) => k.kind === 'centron')!;
      expect(centron.options.find((o) => o.key === 'deviceWrite')).toMatchObject({ choices: ['off', 'confirmed'], default: 'off' });
      await callOperation({ ctx }, 'connections.create', { kind: 'centron', name: 'erp', url: 'https://erp.example/CentronService', username: 'u', options: { deviceWrite: 'confirmed' } });
      await callOperation({ ctx }, 'connections.create', { kind: 'centron', name: 'erp-off', url: 'https://erp.example/CentronService', username: 'u' });
      const on = await callOperation({ ctx }, 'connections.capabilities', { name: 'erp' });
      const off = await callOperation({ ctx }, 'connections.capabilities', { name: 'erp-off' });
      expect(on.find((e) => e.entity === 'device')).toMatchObject({ read: true, write: true });
      expect(off.find((e) => e.entity === 'device')).toMatchObject({ write: false, note: DEVICE_WRITE_OFF_NOTE });
      await expect(callOperation({ ctx }, 'connections.capabilities', { name: 'nope' })).rejects.toMatchObject({ category: 'not-found' });
    } finally {
      ctx.store.close();
    }
  });
});

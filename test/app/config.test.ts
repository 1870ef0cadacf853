import { afterEach, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { exportConfig, importConfig } from '../../main/app/config.js';
import { callOperation } from '../../main/app/operations.js';
import { pipelines } from '../../main/app/pipelines.js';
import { settings } from '../../main/app/settings.js';
import type { ConfigExport } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import { appContext } from '../support/app-context.js';

type Ctx = ReturnType<typeof appContext>;

const caught = (fn: () => unknown): FerryError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FerryError) return e;
    throw e;
  }
  throw new Error('expected a FerryError');
};

/** Everything but ids and times: what a round trip must keep. */
const comparable = (c: ConfigExport) => ({ settings: c.settings, connections: c.connections, pipelines: c.pipelines });

const snapshot = (ctx: Ctx) => JSON.stringify([ctx.store.connections.list(), ctx.store.pipelines.list(), ctx.store.settings.all()]);

describe('config export and import', () => {
  const opened: Ctx[] = [];
  const fresh = () => {
    const ctx = appContext('ferry-config-');
    opened.push(ctx);
    return ctx;
  };
  afterEach(() => {
    for (const c of opened.splice(0)) c.store.close();
  });

  async function configured(): Promise<Ctx> {
    const ctx = fresh();
    settings.update(ctx, { language: 'de', timeZone: 'Europe/Vienna', deleteGuard: { percent: 7, max: 30 }, startAtLogin: false });
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: 'https://erp.example/CentronService/REST', username: 'ferry', options: { deviceWrite: 'confirmed', pageSize: '200' }, secret: 'Geheim-123' });
    await connections.create(ctx, { kind: 'zabbix', name: 'rmm', url: 'https://zabbix.example/zabbix/api_jsonrpc.php', username: 'Admin', secret: 'zabbix-pw' });
    await connections.create(ctx, { kind: 'zabbix', name: 'rmm-old', url: 'https://old.example/', username: null });
    await connections.setEnabled(ctx, 'rmm-old', false);
    pipelines.create(ctx, { name: 'erp-rmm', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }], mapping: { customer: { name: '{number} - {name|trim}' } }, deletePolicy: { customer: 'propagate' } });
    pipelines.create(ctx, { name: 'old', left: 'erp', right: 'rmm-old', entities: [{ entity: 'customer', direction: 'to-right' }], everyMinutes: 30, fullAt: null, paused: true });
    return ctx;
  }

  it('round trip: export, import into a fresh data folder, export again gives the same configuration; no secret goes along', async () => {
    const a = await configured();
    const file = await callOperation({ ctx: a }, 'config.export', {});
    const text = JSON.stringify(file);
    expect(text).not.toContain('Geheim-123');
    expect(text).not.toContain('zabbix-pw');
    expect(file.connections.map((c) => c.name)).toEqual(['erp', 'rmm', 'rmm-old']);
    expect(file.pipelines.find((p) => p.name === 'old')).toMatchObject({ left: 'erp', right: 'rmm-old', paused: true });

    const b = fresh();
    const r = await callOperation({ ctx: b }, 'config.import', { config: JSON.parse(text) as unknown });
    expect(r).toEqual({ connections: ['erp', 'rmm', 'rmm-old'], pipelines: ['erp-rmm', 'old'], needsSecrets: ['erp', 'rmm', 'rmm-old'] });
    expect(comparable(exportConfig(b))).toEqual(comparable(file));
    // Imported connections have no secret yet: they say so.
    expect((await connections.show(b, 'erp')).health).toBe('needs-credentials');
    expect(b.store.connections.byName('rmm-old')!.enabled).toBe(false);
  });

  it('rejects a partly invalid file whole, listing every problem by path, and writes nothing', async () => {
    const a = await configured();
    const file = exportConfig(a);
    const b = fresh();
    await connections.create(b, { kind: 'zabbix', name: 'here', url: 'https://here.example/' });
    const before = snapshot(b);
    const bad = {
      ...file,
      settings: { ...file.settings, timeZone: 'Mars/Olympus' },
      connections: [
        file.connections[0], // valid: would be written if the import were not all or nothing
        { ...file.connections[1]!, kind: 'riverbird' },
        { ...file.connections[2]!, name: 'ERP' },
        { ...file.connections[1]!, name: 'rmm2', url: 'not a url', options: { nope: '1' } },
      ],
      pipelines: [
        { ...file.pipelines[0]!, config: { ...file.pipelines[0]!.config, schedule: { ...file.pipelines[0]!.config.schedule, timeZone: 'Atlantis/Capital' } } },
        { ...file.pipelines[1]!, left: 'x' },
        { ...file.pipelines[0]!, name: 'ERP-RMM', right: 'here', config: { ...file.pipelines[0]!.config, entities: { customer: { ...file.pipelines[0]!.config.entities.customer!, mapping: { name: '{name|shout}', nonsense: '{name}' } } } } },
        { ...file.pipelines[1]!, name: 'third', right: 'here', config: { ...file.pipelines[1]!.config, entities: { customer: { direction: 'both', match: 'name', deletePolicy: 'ignore', conflictPolicy: 'newer-wins', onlyActive: true } } } },
        { name: 'broken', left: 'erp', right: 'here', config: { entities: {} }, paused: false },
      ],
    };
    const e = caught(() => importConfig(b, bad));
    expect(e.category).toBe('input');
    expect(e.hint.length).toBeGreaterThan(20);
    const problems = (e.details?.['problems'] as { path: string; message: string }[]).map((p) => `${p.path}: ${p.message}`);
    const expectProblem = (path: string, text: RegExp) => expect(problems.some((p) => p.startsWith(path) && text.test(p)), `${path} ${String(text)} in\n${problems.join('\n')}`).toBe(true);
    expectProblem('settings.timeZone', /Mars\/Olympus/);
    expectProblem('connections[1].kind', /unknown connection kind "riverbird"/);
    expectProblem('connections[2].name', /given twice \(also connections\[0\]\)/);
    expectProblem('connections[3].url', /not/);
    expectProblem('connections[3].options', /nope|unrecognized/i);
    expectProblem('pipelines[0].config.schedule', /Atlantis\/Capital/);
    expectProblem('pipelines[1].left', /no connection named "x"/);
    expectProblem('pipelines[2].name', /given twice \(also pipelines\[0\]\)/);
    expectProblem('pipelines[2].config.entities.customer.mapping.name', /shout/);
    expectProblem('pipelines[2].config.entities.customer.mapping.nonsense', /names no field/);
    expectProblem('pipelines[3].config.entities.customer.conflictPolicy', /newer-wins/);
    expectProblem('pipelines[4].config', /./);
    // Every problem is in the message too, one per line.
    for (const p of problems) expect(e.message).toContain(p);
    expect(snapshot(b)).toBe(before);
    await expect(callOperation({ ctx: b }, 'config.import', { config: bad })).rejects.toMatchObject({ category: 'input', details: { problems: expect.any(Array) as unknown } });
    expect(snapshot(b)).toBe(before);
  });

  it('rejects names that exist on this machine already, and anything that is not a Ferry configuration', async () => {
    const a = await configured();
    const before = snapshot(a);
    const e = caught(() => importConfig(a, exportConfig(a)));
    expect(e.category).toBe('input');
    const paths = (e.details?.['problems'] as { path: string; message: string }[]).map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'connections[0].name: a connection named "erp" exists already on this machine',
        'pipelines[0].name: a pipeline named "erp-rmm" exists already on this machine',
      ]),
    );
    expect(snapshot(a)).toBe(before);
    expect(caught(() => importConfig(a, 'hello')).category).toBe('input');
    const wrong = caught(() => importConfig(a, { format: 'something-else', version: 2 }));
    expect((wrong.details?.['problems'] as { path: string }[]).map((p) => p.path)).toEqual(expect.arrayContaining(['format', 'version', 'settings', 'connections', 'pipelines']));
    expect(snapshot(a)).toBe(before);
  });

  it('a pipeline may name a connection that exists on this machine', async () => {
    const a = await configured();
    const file = exportConfig(a);
    const b = fresh();
    await connections.create(b, { kind: 'centron', name: 'erp', url: 'https://erp.example/CentronService' });
    await connections.create(b, { kind: 'zabbix', name: 'rmm', url: 'https://zabbix.example/' });
    const r = importConfig(b, { ...file, connections: [], pipelines: [file.pipelines[0]!] });
    expect(r).toEqual({ connections: [], pipelines: ['erp-rmm'], needsSecrets: [] });
    expect(pipelines.show(b, 'erp-rmm').left.name).toBe('erp');
  });
});

import { describe, expect, it } from 'vitest';
import { runPipeline, type RunRequest } from '../../main/engine/run.js';
import { SqliteSyncState } from '../../main/store/sync-state.js';
import type { Connector, EntityPort } from '../../main/connectors/types.js';
import type { EntityName } from '../../shared/entities.js';
import type { PipelineConfig } from '../../shared/model.js';
import { openStore } from '../../main/store/index.js';
import { MemoryErp } from '../support/memory-erp.js';
import { MemorySystem } from '../support/memory-system.js';
import { erpRmmConfig, tempDir } from '../support/temp-store.js';

// The classic failures of sync tools, each by name.

const customersOnly: PipelineConfig = { ...erpRmmConfig(), entities: { customer: { direction: 'to-right', match: 'name', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true } } };

function harness(config: PipelineConfig = customersOnly) {
  const dir = tempDir();
  const store = openStore(dir);
  const now = new Date().toISOString();
  for (const id of ['E1', 'E2', 'T']) store.connections.insert({ id, kind: 'memory', name: id, url: 'mem:', username: null, options: {}, enabled: true, createdAt: now, modifiedAt: now });
  const pipeline = (id: string, left: string) => store.pipelines.insert({ id, name: id, leftId: left, rightId: 'T', config, paused: false, createdAt: now, modifiedAt: now, activatedAt: now });
  let n = 0;
  const run = (pipelineId: string, left: Connector, right: Connector, over: Partial<RunRequest> = {}) => {
    const runId = `r${++n}`;
    store.runs.start({ id: runId, pipelineId, trigger: 'manual', mode: 'delta', scope: {}, startedAt: now });
    return runPipeline({ runId, pipelineId, config, left, right, state: new SqliteSyncState(store.db, pipelineId), mode: 'delta', dryRun: false, entities: null, customer: null, confirmDeletes: false, now: () => new Date().toISOString(), emit: () => undefined, ...over });
  };
  return { store, pipeline, run };
}

/** Wraps a connector so that a hook runs after each page of an entity is handed over. */
function afterEachPage(c: Connector, entity: EntityName, hook: (page: number) => void): Connector {
  return {
    ...c,
    entity: <E extends EntityName>(n: E) => {
      const p = c.entity(n) as EntityPort<E> | undefined;
      if (!p || n !== entity) return p;
      return {
        ...p,
        read: async function* (o) {
          for await (const page of p.read(o)) {
            yield page;
            hook(page.page);
          }
        },
      } as EntityPort<E>;
    },
  };
}

/** Adds a field that changes on every read and is not synced (like a last-seen time). */
function volatile(c: Connector): Connector {
  let tick = 0;
  return {
    ...c,
    entity: <E extends EntityName>(n: E) => {
      const p = c.entity(n) as EntityPort<E> | undefined;
      if (!p) return p;
      return {
        ...p,
        read: async function* (o) {
          for await (const page of p.read(o)) yield { ...page, records: page.records.map((r) => ({ ...r, version: String(++tick), modifiedAt: new Date(Date.now() + tick).toISOString(), data: { ...r.data, lastSeen: tick } })) };
        },
      } as EntityPort<E>;
    },
  };
}

describe('classic failures', () => {
  it('an update made on the source while a run is reading it is not lost', async () => {
    const h = harness();
    h.pipeline('P', 'E1');
    const erp = new MemoryErp();
    erp.pageSize = 2;
    for (let i = 1; i <= 6; i++) erp.customer(String(i), `Kunde ${i}`, null);
    const target = new MemorySystem('t');
    // While page 2 is being handed over, a user renames customer 1 (already read on page 1).
    const reading = afterEachPage(erp.connector(), 'customer', (page) => {
      if (page === 2) erp.customer('1', 'Kunde 1 (umbenannt)', null);
    });
    await h.run('P', reading, target.connector());
    expect(target.byName('Kunde 1')).toHaveLength(1); // this run saw the old name
    await h.run('P', erp.connector(), target.connector());
    expect(target.byName('Kunde 1 (umbenannt)')).toHaveLength(1);
    expect(target.byName('Kunde 1')).toHaveLength(0);
  });

  it('a volatile field changing on every read causes no write', async () => {
    const h = harness();
    h.pipeline('P', 'E1');
    const erp = new MemoryErp();
    for (let i = 1; i <= 4; i++) erp.customer(String(i), `V${i}`, null);
    const target = new MemorySystem('t');
    await h.run('P', volatile(erp.connector()), volatile(target.connector()));
    for (const mode of ['delta', 'full'] as const) {
      const r = await h.run('P', volatile(erp.connector()), volatile(target.connector()), { mode });
      expect(r.entities.customer).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    }
  });

  it('a source that suddenly returns nothing deletes nothing', async () => {
    const h = harness();
    h.pipeline('P', 'E1');
    const erp = new MemoryErp();
    for (let i = 1; i <= 8; i++) erp.customer(String(i), `S${i}`, null);
    const target = new MemorySystem('t');
    await h.run('P', erp.connector(), target.connector());
    erp.customers.clear();
    const r = await h.run('P', erp.connector(), target.connector(), { mode: 'full' });
    expect(r.error?.category).toBe('guard');
    expect(target.customers.size).toBe(8);
  });

  it('the same customer synced by two pipelines does not become two records', async () => {
    const h = harness();
    h.pipeline('P1', 'E1');
    h.pipeline('P2', 'E2');
    const erp1 = new MemoryErp();
    const erp2 = new MemoryErp();
    erp1.customer('1', 'Müller GmbH', null);
    erp2.customer('77', 'Müller GmbH', null);
    const target = new MemorySystem('t');
    await h.run('P1', erp1.connector(), target.connector());
    const r = await h.run('P2', erp2.connector(), target.connector());
    expect(r.entities.customer).toMatchObject({ created: 0 });
    expect(target.byName('Müller GmbH')).toHaveLength(1);
  });
});

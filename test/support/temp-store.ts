import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../main/store/index.js';
import type { PipelineConfig } from '../../shared/model.js';

export function tempDir(prefix = 'ferry-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A store in a fresh temp folder with two connections and one pipeline row, for engine tests. */
export function storeWithPipeline(config: PipelineConfig): { store: Store; dir: string; pipelineId: string } {
  const dir = tempDir();
  const store = openStore(dir);
  const now = new Date().toISOString();
  for (const id of ['L', 'R']) store.connections.insert({ id, kind: 'memory', name: id, url: 'mem:', username: null, options: {}, enabled: true, createdAt: now, modifiedAt: now });
  store.pipelines.insert({ id: 'P', name: 'p', leftId: 'L', rightId: 'R', config, paused: false, createdAt: now, modifiedAt: now, activatedAt: now });
  return { store, dir, pipelineId: 'P' };
}

export const erpRmmConfig = (over: Partial<PipelineConfig> = {}): PipelineConfig => ({
  entities: {
    customer: { direction: 'to-right', match: 'name', deletePolicy: 'propagate', conflictPolicy: 'manual', onlyActive: true },
    device: { direction: 'to-left', match: 'number', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true },
  },
  schedule: { everyMinutes: 60, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 } },
  deleteGuard: { percent: 10, max: 50 },
  ...over,
});

import { ConflictsRepo } from './conflicts-repo.js';
import { ConnectionsRepo } from './connections-repo.js';
import { Leases, type LeaseOptions } from './lease.js';
import { openDatabase, type Db } from './open.js';
import { PipelinesRepo } from './pipelines-repo.js';
import { RunsRepo } from './runs-repo.js';
import { SettingsRepo } from './settings-repo.js';

export interface Store {
  db: Db;
  connections: ConnectionsRepo;
  conflicts: ConflictsRepo;
  pipelines: PipelinesRepo;
  runs: RunsRepo;
  settings: SettingsRepo;
  leases: Leases;
  close(): void;
}

export function openStore(dataDir: string, leaseOptions?: LeaseOptions): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    connections: new ConnectionsRepo(db),
    conflicts: new ConflictsRepo(db),
    pipelines: new PipelinesRepo(db),
    runs: new RunsRepo(db),
    settings: new SettingsRepo(db),
    leases: new Leases(db, leaseOptions),
    close: () => db.close(),
  };
}

export { SqliteSyncState } from './sync-state.js';
export { isPidAlive } from './lease.js';

import crypto from 'node:crypto';
import type { Logger, ConnectorFactory } from '../connectors/types.js';
import type { SecretStore } from '../secrets/index.js';
import type { Store } from '../store/index.js';

/** Everything the operations need. Built once per process by the CLI, the service or the Electron main process. */
export interface AppContext {
  dataDir: string;
  store: Store;
  secrets: SecretStore;
  log: Logger;
  factories: ReadonlyMap<string, ConnectorFactory>;
  now: () => Date;
}

export const newId = (prefix: string): string => `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
export const iso = (d: Date): string => d.toISOString();

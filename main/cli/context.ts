import type { ConnectorFactory } from '../connectors/types.js';
import type { AppContext } from '../app/context.js';
import { resolveDataDir, ensureDataDir } from '../datadir/index.js';
import { createLogger } from '../log/index.js';
import { createKeytarStore } from '../secrets/index.js';
import { openStore } from '../store/index.js';
import { allFactories } from '../connectors/registry.js';

export interface CliContext extends AppContext {
  close(): Promise<void>;
}

/** Opens the data folder for one CLI command: database, keychain, log. */
export function openCliContext(dataDirOpt: string | undefined, extraFactories: ConnectorFactory[] = []): CliContext {
  const dataDir = resolveDataDir(dataDirOpt);
  ensureDataDir(dataDir);
  const store = openStore(dataDir);
  const { logger, close } = createLogger(dataDir, { level: process.env['FERRY_LOG_LEVEL'] ?? store.settings.get('logLevel') });
  const factories = new Map(allFactories.map((f) => [f.kind, f]));
  for (const f of extraFactories) factories.set(f.kind, f);
  return {
    dataDir,
    store,
    secrets: createKeytarStore(),
    log: logger,
    factories,
    now: () => new Date(),
    async close() {
      store.close();
      await close();
    },
  };
}

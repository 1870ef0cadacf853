import type { AppContext } from '../../main/app/context.js';
import { allFactories } from '../../main/connectors/registry.js';
import { createNullLogger } from '../../main/log/index.js';
import { createMemoryStore } from '../../main/secrets/index.js';
import { openStore } from '../../main/store/index.js';
import { tempDir } from './temp-store.js';

/** An app context over a fresh data folder: every connector kind, an in-memory keychain, no log, a settable clock. */
export function appContext(prefix = 'ferry-app-'): AppContext & { setNow(d: Date): void } {
  const dir = tempDir(prefix);
  let now: Date | null = null;
  return {
    dataDir: dir,
    store: openStore(dir),
    secrets: createMemoryStore(),
    log: createNullLogger(),
    factories: new Map(allFactories.map((f) => [f.kind, f])),
    now: () => now ?? new Date(),
    setNow(d: Date) {
      now = d;
    },
  };
}

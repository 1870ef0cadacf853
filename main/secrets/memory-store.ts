import { FerryError } from '../../shared/errors.js';
import { checkConnectionId, checkSecretValue, secretAccount, secretNameOf, type SecretStore } from './store.js';

/**
 * FOR UNIT TESTS OF OTHER MODULES ONLY. Product code never uses this store: Ferry's secrets live only in the OS
 * keychain (createKeytarStore). It validates like the keychain store and can simulate an unusable keychain.
 */
export interface MemorySecretStore extends SecretStore {
  /** While locked, every operation throws FerryError('needs-credentials'), as the keychain store does. */
  lock(): void;
  unlock(): void;
}

export function createMemoryStore(initial: Record<string, Record<string, string>> = {}, platform: NodeJS.Platform = process.platform): MemorySecretStore {
  const entries = new Map<string, string>();
  let locked = false;
  const check = (): void => {
    if (locked) {
      throw new FerryError('needs-credentials', 'The OS keychain is not available to the account running Ferry (locked).', 'Unlock the keychain of the account that runs Ferry, then test the connection again.');
    }
  };
  for (const [connectionId, secrets] of Object.entries(initial)) {
    for (const [name, value] of Object.entries(secrets)) entries.set(secretAccount(connectionId, name), value);
  }
  const names = (connectionId: string): string[] => {
    checkConnectionId(connectionId);
    return [...entries.keys()].map((account) => secretNameOf(account, connectionId)).filter((n): n is string => n !== null).sort();
  };
  return {
    async set(connectionId, name, value) {
      const account = secretAccount(connectionId, name);
      checkSecretValue(value, platform);
      check();
      entries.set(account, value);
    },
    async get(connectionId, name) {
      const account = secretAccount(connectionId, name);
      check();
      return entries.get(account) ?? null;
    },
    async delete(connectionId, name) {
      const account = secretAccount(connectionId, name);
      check();
      entries.delete(account);
    },
    async deleteAll(connectionId) {
      const found = names(connectionId);
      check();
      for (const name of found) entries.delete(secretAccount(connectionId, name));
    },
    async list(connectionId) {
      const found = names(connectionId);
      check();
      return found;
    },
    lock() {
      locked = true;
    },
    unlock() {
      locked = false;
    },
  };
}

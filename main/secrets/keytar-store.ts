import { createRequire } from 'node:module';
import { FerryError } from '../../shared/errors.js';
import type { Logger } from '../connectors/types.js';
import { checkConnectionId, checkSecretName, checkSecretValue, secretAccount, secretNameOf, type SecretStore } from './store.js';

/** The part of keytar Ferry uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeytarStoreOptions {
  /** Loads keytar (default: `require('keytar')`, on first use). Injected in tests. */
  load?: () => KeytarModule | Promise<KeytarModule>;
  /** Default: process.platform. Decides the lock probe (Linux) and the size limit (Windows). */
  platform?: NodeJS.Platform;
  /** Receives `{ connectionId, secretName, op }` at debug level — ids and names, never a value. */
  log?: Logger;
}

/**
 * The keychain account used to probe whether the keychain is usable. It has no '/', so it never belongs to a
 * connection (their accounts are `<connection id>/<secret name>`).
 */
export const probeAccount = '.ferry-keychain-probe';

const loadFailedHint =
  'Ferry could not load its keychain module. On Linux install libsecret (libsecret-1-0) and run a Secret Service such as gnome-keyring; otherwise reinstall Ferry.';

function unavailableHint(platform: NodeJS.Platform): string {
  const how =
    platform === 'linux'
      ? 'a Secret Service (e.g. gnome-keyring) must run and be unlocked in the session of the account that runs Ferry'
      : platform === 'darwin'
        ? 'the login keychain of the account that runs Ferry must be unlocked'
        : 'the Windows Credential Manager of the account that runs Ferry must be available';
  return `The OS keychain cannot be used: ${how}. Then test the connection again; if its secret is missing, set it with \`ferry connections set-secret <name> --secret-stdin\`.`;
}

/**
 * The product's secret store: the OS keychain through keytar (Windows Credential Manager, macOS Keychain,
 * libsecret/Secret Service on Linux). keytar is loaded on first use, so Ferry starts — and shows "needs
 * credentials" — on a machine whose keychain is missing.
 *
 * Every keychain failure (no Secret Service, locked keyring, denied access) becomes
 * FerryError('needs-credentials') with a hint: callers show it per connection, they never crash on it.
 *
 * libsecret quirks handled here (Linux): on a locked keyring a lookup returns "not found" instead of an error,
 * a delete silently does nothing, and keytar's findCredentials crashes the process (it dereferences the missing
 * value). So an ambiguous empty answer, and every enumeration, is preceded or followed by a probe write that
 * fails on a locked keyring.
 */
export function createKeytarStore(service = 'Ferry', options: KeytarStoreOptions = {}): SecretStore {
  const platform = options.platform ?? process.platform;
  const log = options.log;
  let loading: Promise<KeytarModule> | null = null;

  const keytar = (): Promise<KeytarModule> => {
    if (loading) return loading;
    const attempt = (async () => {
      try {
        if (options.load) return await options.load();
        const require = createRequire(import.meta.url);
        return require('keytar') as KeytarModule;
      } catch (e) {
        throw new FerryError('needs-credentials', `The OS keychain module could not be loaded: ${causeOf(e)}`, loadFailedHint);
      }
    })();
    loading = attempt;
    // A failed load is not remembered: a later call tries again (e.g. after libsecret was installed).
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
    return attempt;
  };

  const unavailable = (op: string, e: unknown, ids: Record<string, string>): FerryError => {
    if (e instanceof FerryError) return e;
    return new FerryError('needs-credentials', `The OS keychain is not available to the account running Ferry (${causeOf(e)}).`, unavailableHint(platform), {
      operation: op,
      ...ids,
    });
  };

  /** Linux: a write to the default collection fails when it is locked or missing — the only reliable signal. */
  const assertUsable = async (k: KeytarModule): Promise<void> => {
    if (platform !== 'linux') return;
    await k.setPassword(service, probeAccount, 'probe');
    await k.deletePassword(service, probeAccount);
  };

  const run = async <T>(op: string, ids: Record<string, string>, body: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = await keytar();
    try {
      const result = await body(k);
      log?.debug({ ...ids, op }, 'keychain');
      return result;
    } catch (e) {
      const error = unavailable(op, e, ids);
      log?.warn({ ...ids, op, category: error.category, cause: error.message }, 'keychain operation failed');
      throw error;
    }
  };

  const names = async (k: KeytarModule, connectionId: string): Promise<string[]> => {
    await assertUsable(k); // before findCredentials: on a locked keyring it would crash the process
    const found = await k.findCredentials(service);
    const result = new Set<string>();
    for (const { account } of found) {
      const name = secretNameOf(account, connectionId);
      if (name !== null) result.add(name);
    }
    return [...result].sort();
  };

  return {
    async set(connectionId, name, value) {
      const account = secretAccount(connectionId, name);
      checkSecretValue(value, platform);
      await run('set', { connectionId, secretName: name }, (k) => k.setPassword(service, account, value));
    },

    async get(connectionId, name) {
      const account = secretAccount(connectionId, name);
      return run('get', { connectionId, secretName: name }, async (k) => {
        const value = await k.getPassword(service, account);
        if (value === null) await assertUsable(k); // "not set", or a locked keyring?
        return value;
      });
    },

    async delete(connectionId, name) {
      const account = secretAccount(connectionId, name);
      await run('delete', { connectionId, secretName: name }, async (k) => {
        const deleted = await k.deletePassword(service, account);
        if (!deleted) await assertUsable(k); // "was not set", or a locked keyring?
      });
    },

    async deleteAll(connectionId) {
      checkConnectionId(connectionId);
      await run('deleteAll', { connectionId }, async (k) => {
        for (const name of await names(k, connectionId)) {
          checkSecretName(name);
          await k.deletePassword(service, secretAccount(connectionId, name));
        }
      });
    },

    async list(connectionId) {
      checkConnectionId(connectionId);
      return run('list', { connectionId }, (k) => names(k, connectionId));
    },
  };
}

function causeOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s+/g, ' ').trim() || 'unknown error';
}

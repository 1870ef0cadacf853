// What the packaged app answers to the smoke test (only when started with FERRY_TEST_HOOKS=1).
import crypto from 'node:crypto';
import type { SecretStore } from '../secrets/index.js';

export const testHooksEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env['FERRY_TEST_HOOKS'] === '1';

/** The service name the round trip writes under, apart from the product's `Ferry` entries. */
export const smokeService = 'Ferry smoke test';

/** The answer to 'ferry:test-info'. */
export interface TestInfo {
  /** The tray exists and its menu has been built from the state at least once. */
  trayBuilt: boolean;
  windows: number;
  engine: 'host' | 'client' | 'none';
  icon: 'idle' | 'syncing' | 'attention' | 'paused' | null;
  dataDir: string | null;
}

export interface KeychainRoundTrip {
  ok: boolean;
  /** The value read back equals the value written. */
  readBack: boolean;
  /** After the delete the secret is gone. */
  deleted: boolean;
  error: string | null;
}

/** Writes a random secret through the store, reads it back, deletes it. Never returns the value itself. */
export async function keychainRoundTrip(store: SecretStore): Promise<KeychainRoundTrip> {
  const id = `smoke-${crypto.randomBytes(4).toString('hex')}`;
  const value = crypto.randomBytes(16).toString('base64url');
  try {
    await store.set(id, 'password', value);
    const readBack = (await store.get(id, 'password')) === value;
    await store.delete(id, 'password');
    const deleted = (await store.get(id, 'password')) === null;
    return { ok: readBack && deleted, readBack, deleted, error: null };
  } catch (e) {
    await store.delete(id, 'password').catch(() => undefined);
    return { ok: false, readBack: false, deleted: false, error: (e as Error).message };
  }
}

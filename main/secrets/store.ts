import { FerryError } from '../../shared/errors.js';

/**
 * Secrets of connections (password, API key, OAuth tokens …), kept only in the OS keychain.
 * Keychain entry: service `Ferry`, account `<connection id>/<secret name>`.
 *
 * Values go in through `set` and come out through `get` — nowhere else: `list` returns names only, errors carry
 * ids and names only, and the store logs ids and names only.
 */
export interface SecretStore {
  set(connectionId: string, name: string, value: string): Promise<void>;
  /** The value, or null when this secret is not set. Throws FerryError('needs-credentials') when the keychain cannot be read. */
  get(connectionId: string, name: string): Promise<string | null>;
  /** Removes one secret; removing a secret that is not set is not an error. */
  delete(connectionId: string, name: string): Promise<void>;
  /** Removes every secret of the connection. */
  deleteAll(connectionId: string): Promise<void>;
  /** The names of the connection's secrets (never the values), sorted. */
  list(connectionId: string): Promise<string[]>;
}

// Any 1–128 visible characters but '/', which separates the id from the secret name in the keychain account.
const connectionIdPattern = /^[^/\s\p{Cc}]{1,128}$/u;
const secretNamePattern = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/** The keychain account for one secret. Connection ids and secret names never contain '/', so it splits back uniquely. */
export function secretAccount(connectionId: string, name: string): string {
  checkConnectionId(connectionId);
  checkSecretName(name);
  return `${connectionId}/${name}`;
}

/** The secret name if `account` belongs to `connectionId`, else null. */
export function secretNameOf(account: string, connectionId: string): string | null {
  const prefix = `${connectionId}/`;
  if (!account.startsWith(prefix)) return null;
  const name = account.slice(prefix.length);
  return secretNamePattern.test(name) ? name : null;
}

export function checkConnectionId(connectionId: string): void {
  if (typeof connectionId !== 'string' || !connectionIdPattern.test(connectionId)) {
    throw new FerryError(
      'input',
      `Invalid connection id ${JSON.stringify(connectionId)} for the keychain.`,
      'Connection ids are 1–128 characters without "/" or spaces; use the id `ferry connections list` shows.',
    );
  }
}

export function checkSecretName(name: string): void {
  if (typeof name !== 'string' || !secretNamePattern.test(name)) {
    throw new FerryError(
      'input',
      `Invalid secret name ${JSON.stringify(name)}.`,
      'Secret names start with a letter and use letters, digits, ".", "_" or "-" (e.g. password, apiKey), at most 64 characters.',
    );
  }
}

/** Windows Credential Manager stores at most 2560 bytes per credential. */
export const windowsMaxSecretBytes = 2560;

export function checkSecretValue(value: string, platform: NodeJS.Platform): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new FerryError('input', 'The secret is empty.', 'Give the secret value (e.g. on standard input with --secret-stdin); to remove a secret, delete it instead.');
  }
  if (platform === 'win32' && Buffer.byteLength(value, 'utf8') > windowsMaxSecretBytes) {
    throw new FerryError(
      'input',
      `The secret is longer than the ${windowsMaxSecretBytes} bytes Windows Credential Manager can store.`,
      'Use a shorter credential (e.g. an API key instead of a long token) for this connection.',
    );
  }
}

import { FerryError, hints } from '../../shared/errors.js';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connectors/types.js';
import type { ConnectionRow } from '../store/connections-repo.js';
import type { AppContext } from './context.js';

export function factoryFor(ctx: AppContext, kind: string): ConnectorFactory {
  const f = ctx.factories.get(kind);
  if (!f) {
    const kinds = [...ctx.factories.values()].filter((f) => !f.hidden).map((f) => f.kind).join(', ');
    throw new FerryError('input', `Unknown connection kind "${kind}".`, `Use one of: ${kinds}.`);
  }
  return f;
}

function causeOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function readSecrets(ctx: AppContext, row: ConnectionRow, factory: ConnectorFactory): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of factory.secretNames) {
    let v: string | null;
    try {
      v = await ctx.secrets.get(row.id, name);
    } catch {
      throw new FerryError('needs-credentials', `The ${name} of connection "${row.name}" cannot be read from the keychain of this account.`, hints.needsCredentials.replace('<name>', row.name));
    }
    if (v === null && factory.secretNeeded?.(name, row.options) === false) continue;
    if (v === null) {
      throw new FerryError('needs-credentials', `Connection "${row.name}" needs credentials: no ${name} is set.`, hints.needsCredentials.replace('<name>', row.name));
    }
    out[name] = v;
  }
  // What the connector stored itself (e.g. a refresh token) is optional: unreadable means "start without it".
  for (const name of factory.storedSecretNames ?? []) {
    try {
      const v = await ctx.secrets.get(row.id, name);
      if (v !== null) out[name] = v;
    } catch (e) {
      ctx.log.warn({ connection: row.id, secret: name, cause: causeOf(e) }, 'a stored secret of the connection could not be read from the keychain; going on without it');
    }
  }
  return out;
}

/**
 * `ConnectorContext.saveSecret` for one connection: writes to (or deletes from) the keychain one of the factory's
 * `storedSecretNames`. A keychain failure is logged (ids and names only) and swallowed: it never fails a sync.
 */
export function secretSaver(ctx: AppContext, row: ConnectionRow, factory: ConnectorFactory): NonNullable<ConnectorContext['saveSecret']> {
  const allowed = new Set(factory.storedSecretNames ?? []);
  return async (name, value) => {
    if (!allowed.has(name)) throw new Error(`Connector ${factory.kind} may not store the secret "${name}": it is not among its storedSecretNames.`);
    try {
      if (value === null) await ctx.secrets.delete(row.id, name);
      else await ctx.secrets.set(row.id, name, value);
      ctx.log.debug({ connection: row.id, secret: name, op: value === null ? 'delete' : 'set' }, 'stored secret of the connection updated');
    } catch (e) {
      ctx.log.warn({ connection: row.id, secret: name, op: value === null ? 'delete' : 'set', cause: causeOf(e) }, 'a stored secret of the connection could not be written to the keychain; going on without it');
    }
  };
}

/** Forgets what the connector stored itself (e.g. a refresh token): after the credentials or the address changed. */
export async function forgetStoredSecrets(ctx: AppContext, row: ConnectionRow, factory: ConnectorFactory): Promise<void> {
  for (const name of factory.storedSecretNames ?? []) await ctx.secrets.delete(row.id, name);
}

/** Creates a live connector for a stored connection, with its secrets from the keychain. */
export async function openConnector(ctx: AppContext, row: ConnectionRow): Promise<Connector> {
  const factory = factoryFor(ctx, row.kind);
  const secrets = await readSecrets(ctx, row, factory);
  return factory.create({
    config: { id: row.id, kind: row.kind, name: row.name, url: row.url, username: row.username, options: row.options },
    secrets,
    log: ctx.log,
    saveSecret: secretSaver(ctx, row, factory),
  });
}

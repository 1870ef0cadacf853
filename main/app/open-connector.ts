import { FerryError, hints } from '../../shared/errors.js';
import type { Connector, ConnectorFactory } from '../connectors/types.js';
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
  return out;
}

/** Creates a live connector for a stored connection, with its secrets from the keychain. */
export async function openConnector(ctx: AppContext, row: ConnectionRow): Promise<Connector> {
  const factory = factoryFor(ctx, row.kind);
  const secrets = await readSecrets(ctx, row, factory);
  return factory.create({
    config: { id: row.id, kind: row.kind, name: row.name, url: row.url, username: row.username, options: row.options },
    secrets,
    log: ctx.log,
  });
}

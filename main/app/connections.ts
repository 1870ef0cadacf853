import { z } from 'zod';
import { FerryError } from '../../shared/errors.js';
import type { Connection, PreflightCheck, SecretState, TestResult } from '../../shared/model.js';
import type { ConnectionRow } from '../store/connections-repo.js';
import { iso, newId, type AppContext } from './context.js';
import { factoryFor, forgetStoredSecrets, openConnector } from './open-connector.js';

export const CreateConnectionInput = z.object({
  kind: z.string().min(1),
  name: z.string().trim().min(1).max(80),
  url: z.string().min(1),
  username: z.string().nullable().optional(),
  options: z.record(z.string(), z.string()).default({}),
  secret: z.string().min(1).optional(),
});
export type CreateConnectionInput = z.input<typeof CreateConnectionInput>;

export const UpdateConnectionInput = z.object({
  name: z.string(),
  newName: z.string().trim().min(1).max(80).optional(),
  url: z.string().min(1).optional(),
  username: z.string().nullable().optional(),
  options: z.record(z.string(), z.string()).optional(),
});

function mustGet(ctx: AppContext, name: string): ConnectionRow {
  const row = ctx.store.connections.byName(name);
  if (!row) throw new FerryError('not-found', `There is no connection "${name}".`, 'List the connections with `ferry connections list`.');
  return row;
}

function validateOptions(ctx: AppContext, kind: string, options: Record<string, string>): Record<string, string> {
  const r = factoryFor(ctx, kind).optionsSchema.safeParse(options);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new FerryError('input', `Invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`, 'Check the --option key=value pairs for this kind of connection.');
  }
  return r.data;
}

async function secretState(ctx: AppContext, row: ConnectionRow): Promise<SecretState> {
  const f = ctx.factories.get(row.kind);
  if (!f) return 'not-set';
  try {
    for (const n of f.secretNames) if (f.secretNeeded?.(n, row.options) !== false && (await ctx.secrets.get(row.id, n)) === null) return 'not-set';
    return 'set';
  } catch {
    return 'unreadable';
  }
}

export async function viewConnection(ctx: AppContext, row: ConnectionRow): Promise<Connection> {
  const secret = await secretState(ctx, row);
  const health: Connection['health'] = !row.enabled
    ? 'disabled'
    : secret !== 'set'
      ? 'needs-credentials'
      : !row.lastTest
        ? 'untested'
        : row.lastTest.category === 'ok'
          ? 'ok'
          : 'error';
  return { ...row, secret, health };
}

export const connections = {
  async list(ctx: AppContext): Promise<Connection[]> {
    return Promise.all(ctx.store.connections.list().map((r) => viewConnection(ctx, r)));
  },

  async show(ctx: AppContext, name: string): Promise<Connection> {
    return viewConnection(ctx, mustGet(ctx, name));
  },

  async create(ctx: AppContext, raw: CreateConnectionInput, internal: { allowHidden?: boolean } = {}): Promise<Connection> {
    const input = CreateConnectionInput.parse(raw);
    const factory = factoryFor(ctx, input.kind);
    if (factory.hidden && !internal.allowHidden) {
      throw new FerryError('input', `Unknown connection kind "${input.kind}".`, `Use one of: ${[...ctx.factories.values()].filter((f) => !f.hidden).map((f) => f.kind).join(', ')}.`);
    }
    if (ctx.store.connections.byName(input.name)) {
      throw new FerryError('input', `A connection named "${input.name}" exists already.`, 'Choose another name, or change the existing one with `ferry connections show`.');
    }
    const url = factory.normalizeUrl(input.url);
    const options = validateOptions(ctx, input.kind, input.options);
    const now = iso(ctx.now());
    const id = newId('con');
    // The secret goes to the keychain first: a connection never exists half-made with a secret lost.
    if (input.secret !== undefined) await ctx.secrets.set(id, factory.secretNames[0] ?? 'password', input.secret);
    try {
      ctx.store.connections.insert({ id, kind: input.kind, name: input.name, url, username: input.username ?? null, options, enabled: true, createdAt: now, modifiedAt: now });
    } catch (e) {
      await ctx.secrets.deleteAll(id).catch(() => undefined);
      throw e;
    }
    ctx.log.info({ connection: id, kind: input.kind }, 'connection created');
    return viewConnection(ctx, mustGet(ctx, id));
  },

  async update(ctx: AppContext, raw: z.input<typeof UpdateConnectionInput>): Promise<Connection> {
    const input = UpdateConnectionInput.parse(raw);
    const row = mustGet(ctx, input.name);
    const factory = factoryFor(ctx, row.kind);
    const patch: Parameters<typeof ctx.store.connections.update>[1] = {};
    if (input.newName !== undefined) patch.name = input.newName;
    if (input.url !== undefined) patch.url = factory.normalizeUrl(input.url);
    if (input.username !== undefined) patch.username = input.username;
    if (input.options !== undefined) patch.options = validateOptions(ctx, row.kind, { ...row.options, ...input.options });
    // What the connector stored itself (a refresh token) belongs to the old server, user or OAuth client: forgotten
    // first, so it is never sent elsewhere nor used for another user.
    const sorted = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const moved =
      (patch.url !== undefined && patch.url !== row.url) ||
      (patch.username !== undefined && patch.username !== row.username) ||
      (patch.options !== undefined && sorted(patch.options) !== sorted(row.options));
    if (moved) await forgetStoredSecrets(ctx, row, factory);
    ctx.store.connections.update(row.id, patch, iso(ctx.now()));
    return viewConnection(ctx, mustGet(ctx, row.id));
  },

  async setSecret(ctx: AppContext, name: string, secret: string, secretName?: string): Promise<Connection> {
    const row = mustGet(ctx, name);
    const factory = factoryFor(ctx, row.kind);
    const n = secretName ?? factory.secretNames[0] ?? 'password';
    if (!factory.secretNames.includes(n)) throw new FerryError('input', `Connections of kind ${row.kind} have no secret "${n}".`, `Use one of: ${factory.secretNames.join(', ')}.`);
    if (secret.length === 0) throw new FerryError('input', 'The secret is empty.', 'Pipe the password into standard input, e.g. `ferry connections set-secret <name> --secret-stdin < file`.');
    // A refresh token the connector stored was obtained with the old credentials: forgotten first, so the next
    // connection logs in with the new ones (and a failure leaves the old secret in place, nothing half-changed).
    await forgetStoredSecrets(ctx, row, factory);
    await ctx.secrets.set(row.id, n, secret);
    ctx.store.connections.update(row.id, {}, iso(ctx.now()));
    ctx.log.info({ connection: row.id, secret: n }, 'secret updated');
    return viewConnection(ctx, mustGet(ctx, row.id));
  },

  async test(ctx: AppContext, name: string, user?: string): Promise<TestResult> {
    const row = mustGet(ctx, name);
    const connector = await openConnector(ctx, row);
    let result: TestResult;
    try {
      result = await connector.test(user ? { user } : {});
    } finally {
      await connector.close();
    }
    if (!user) ctx.store.connections.recordTest(row.id, { at: iso(ctx.now()), category: result.category, message: result.message, hint: result.hint, details: result.category === 'ok' ? (result.details ?? null) : null });
    ctx.log.info({ connection: row.id, category: result.category }, 'connection tested');
    return result;
  },

  async preflight(ctx: AppContext, name: string): Promise<PreflightCheck[]> {
    const row = mustGet(ctx, name);
    const connector = await openConnector(ctx, row);
    try {
      return await connector.preflight();
    } finally {
      await connector.close();
    }
  },

  async setEnabled(ctx: AppContext, name: string, enabled: boolean): Promise<Connection> {
    const row = mustGet(ctx, name);
    ctx.store.connections.update(row.id, { enabled }, iso(ctx.now()));
    return viewConnection(ctx, mustGet(ctx, row.id));
  },

  /** Seed 003: a connection that has been used to sync cannot be deleted; it can be disabled. */
  async remove(ctx: AppContext, name: string): Promise<{ removed: string }> {
    const row = mustGet(ctx, name);
    if (row.firstUsedAt) {
      throw new FerryError('state', `Connection "${row.name}" has been used to sync (first on ${row.firstUsedAt}) and cannot be deleted.`, `Disable it instead: \`ferry connections disable ${row.name}\`.`);
    }
    const users = ctx.store.pipelines.usingConnection(row.id);
    if (users.length) {
      throw new FerryError('state', `Connection "${row.name}" is used by pipeline(s) ${users.map((p) => `"${p.name}"`).join(', ')}.`, 'Remove those pipelines first, or disable the connection.');
    }
    ctx.store.connections.delete(row.id);
    await ctx.secrets.deleteAll(row.id);
    return { removed: row.name };
  },
};

export { mustGet as mustGetConnection };

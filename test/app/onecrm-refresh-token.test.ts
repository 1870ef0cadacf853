// The 1CRM refresh token is kept in the keychain (stored secret `refreshToken`, written by the connector through
// ConnectorContext.saveSecret): a new process refreshes instead of logging in with the password, a refused token
// falls back to the configured grant, and `set-secret` forgets it. Like every secret it never reaches SQLite, the
// log, errors or `config export`.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportConfig } from '../../main/app/config.js';
import { connections } from '../../main/app/connections.js';
import { listKinds } from '../../main/app/kinds.js';
import { secretSaver } from '../../main/app/open-connector.js';
import { pipelines } from '../../main/app/pipelines.js';
import { executeRun } from '../../main/app/runs.js';
import { oneCrmFactory, REFRESH_TOKEN_SECRET } from '../../main/connectors/onecrm/index.js';
import { createLogger, type FileLogger } from '../../main/log/index.js';
import { createMemoryStore, type SecretStore } from '../../main/secrets/index.js';
import { FerryError } from '../../shared/errors.js';
import { startCentronSimulator } from '../simulators/centron/server.js';
import { startOneCrmSimulator, type OneCrmSimulator } from '../simulators/onecrm/server.js';
import { appContext } from '../support/app-context.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

/** The memory keychain, recording every write (`set:name`, `delete:name`) and able to fail writes of the refresh token. */
function recordingStore(): SecretStore & { ops: string[]; failRefreshToken: boolean } {
  const inner = createMemoryStore();
  const guard = (name: string) => {
    if (name === REFRESH_TOKEN_SECRET && out.failRefreshToken) throw new FerryError('needs-credentials', 'The OS keychain is not available (test).', 'Unlock it.');
  };
  const out = {
    ops: [] as string[],
    failRefreshToken: false,
    get: async (id: string, name: string) => {
      guard(name);
      return inner.get(id, name);
    },
    set: async (id: string, name: string, value: string) => {
      guard(name);
      out.ops.push(`set:${name}`);
      await inner.set(id, name, value);
    },
    delete: async (id: string, name: string) => {
      guard(name);
      out.ops.push(`delete:${name}`);
      await inner.delete(id, name);
    },
    deleteAll: (id: string) => inner.deleteAll(id),
    list: (id: string) => inner.list(id),
  };
  return out;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Files of the data folder holding `needle` (UTF-8, UTF-16 or base64). */
function filesWith(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(Buffer.from(needle).toString('base64'))];
  return filesUnder(dir).filter((f) => forms.some((x) => fs.readFileSync(f).includes(x)));
}

/** An ERP → 1CRM pipeline over simulators, an app context with a debug file log and the recording keychain. */
async function setup() {
  const erp = await startCentronSimulator({ users: [{ username: 'ferry', password: 'secret', rights: 'all' }], data: { customers: 6, devices: 0, seed: 4, hostile: false } });
  stops.push(() => erp.stop());
  const crm: OneCrmSimulator = await startOneCrmSimulator({ data: { accounts: 0, contactsPerAccount: 0, cases: 0, seed: 1 } });
  stops.push(() => crm.stop());
  const base = appContext('ferry-onecrm-rt-');
  const secrets = recordingStore();
  const fileLog: FileLogger = createLogger(base.dataDir, { level: 'debug' });
  const ctx = { ...base, secrets, log: fileLog.logger };
  stops.push(async () => {
    ctx.store.close();
    await fileLog.close();
  });
  await connections.create(ctx, { kind: 'centron', name: 'erp', url: erp.url, username: 'ferry', secret: 'secret' });
  await connections.create(ctx, { kind: 'onecrm', name: 'crm', url: crm.url, username: 'admin', options: { clientId: 'ferry' }, secret: 'ferry-secret' });
  await connections.setSecret(ctx, 'crm', 'secret', 'password');
  pipelines.create(ctx, { name: 'erp-crm', left: 'erp', right: 'crm', entities: [{ entity: 'customer', direction: 'to-right' }], match: { customer: 'name' } });
  const id = ctx.store.connections.byName('crm')!.id;
  const stored = () => storedToken(secrets, id);
  const run = async (mode: 'full' | 'delta' = 'full') => {
    crm.resetStats();
    secrets.ops.length = 0;
    const r = await executeRun(ctx, { pipeline: 'erp-crm', mode });
    await fileLog.flush();
    return r;
  };
  return { erp, crm, ctx, secrets, fileLog, id, stored, run };
}

/** The stored refresh token of the connection (read past the failure switch). */
async function storedToken(secrets: ReturnType<typeof recordingStore>, id: string): Promise<string | null> {
  const fail = secrets.failRefreshToken;
  secrets.failRefreshToken = false;
  try {
    return await secrets.get(id, REFRESH_TOKEN_SECRET);
  } finally {
    secrets.failRefreshToken = fail;
  }
}

/** Whether the simulator accepts this refresh token (issued and not rotated away, revoked or expired). */
const live = (crm: OneCrmSimulator, token: string | null) => token !== null && crm.state.refreshTokens.has(token);

describe('1CRM: the refresh token in the keychain', () => {
  it('after a run the issued refresh token is in the keychain and nowhere in SQLite, the log or the export', async () => {
    const t = await setup();
    const r = await t.run('full');
    expect(r.status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    const token = await t.stored();
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(live(t.crm, token)).toBe(true);
    expect(t.secrets.ops).toEqual(['set:refreshToken']);

    // Everything a user can see or export, and every file of the data folder (ferry.db with its WAL, the log).
    const visible = [JSON.stringify(exportConfig(t.ctx)), JSON.stringify(await connections.list(t.ctx)), JSON.stringify(r), JSON.stringify(t.ctx.store.runs.items(r.run))];
    for (const v of visible) expect(v).not.toContain(token!);
    const files = filesUnder(t.ctx.dataDir);
    expect(files.some((f) => f.endsWith('ferry.db'))).toBe(true);
    // The debug log did record the token request and the keychain write (by name): the scan below is not vacuous.
    const log = fs.readFileSync(t.fileLog.file, 'utf8');
    expect(log).toContain('onecrm: access token obtained');
    expect(log).toContain('stored secret of the connection updated');
    expect(filesWith(t.ctx.dataDir, token!)).toEqual([]);
    expect(filesWith(t.ctx.dataDir, 'ferry-secret')).toEqual([]);

    // The connection is complete without it; the admin is never asked for it, nor can set it.
    const crmView = await connections.show(t.ctx, 'crm');
    expect(crmView.secret).toBe('set');
    expect(listKinds(t.ctx).find((k) => k.kind === 'onecrm')?.secretNames).toEqual(['clientSecret', 'password']);
    await expect(connections.setSecret(t.ctx, 'crm', 'x', REFRESH_TOKEN_SECRET)).rejects.toMatchObject({ category: 'input' });
    expect(await t.stored()).toBe(token);
    await t.ctx.secrets.delete(t.id, REFRESH_TOKEN_SECRET);
    expect((await connections.show(t.ctx, 'crm')).secret).toBe('set');
  });

  it('a new connector uses the stored refresh token (no password grant) and stores the rotated one', async () => {
    const t = await setup();
    expect((await t.run('full')).status).toBe('ok');
    const first = await t.stored();
    // The password changes in the CRM: only the stored refresh token can still log in.
    t.crm.state.setPassword('admin', 'changed-in-the-crm');
    const r = await t.run();
    expect(r.status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ refresh_token: 1 });
    expect(t.crm.stats.calls['POST /auth/user/access_token']).toBe(1);
    const second = await t.stored();
    expect(second).not.toBe(first);
    expect(live(t.crm, first)).toBe(false);
    expect(live(t.crm, second)).toBe(true);
    expect(t.secrets.ops).toEqual(['set:refreshToken']);
    // And once more, from the rotated one.
    expect((await t.run()).status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ refresh_token: 1 });
    expect(live(t.crm, await t.stored())).toBe(true);
  });

  it('a refused stored refresh token is forgotten: the password grant is used and its refresh token replaces it', async () => {
    const t = await setup();
    expect((await t.run('full')).status).toBe('ok');
    const old = await t.stored();
    t.crm.state.revokeRefreshTokens();
    const r = await t.run();
    expect(r.status).toBe('ok');
    // Two token requests: the refused refresh, then the password grant.
    expect(t.crm.stats.calls['POST /auth/user/access_token']).toBe(2);
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    expect(t.secrets.ops).toEqual(['delete:refreshToken', 'set:refreshToken']);
    const now = await t.stored();
    expect(now).not.toBe(old);
    expect(live(t.crm, now)).toBe(true);

    // A value that was never a token (a corrupted entry) is refused and replaced just the same.
    await t.ctx.secrets.set(t.id, REFRESH_TOKEN_SECRET, 'not-a-token');
    expect((await t.run()).status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    expect(live(t.crm, await t.stored())).toBe(true);
  });

  it('refused refresh token and wrong password: the run fails with auth and the refused token is not kept', async () => {
    const t = await setup();
    expect((await t.run('full')).status).toBe('ok');
    t.crm.state.revokeRefreshTokens();
    t.crm.state.setPassword('admin', 'changed-in-the-crm');
    const r = await t.run();
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ category: 'auth' });
    expect(await t.stored()).toBeNull();
  });

  it('set-secret of the password or the client secret deletes the stored refresh token; the next run uses the new credentials', async () => {
    const t = await setup();
    expect((await t.run('full')).status).toBe('ok');
    expect(await t.stored()).not.toBeNull();
    t.crm.state.setPassword('admin', 'neu');
    await connections.setSecret(t.ctx, 'crm', 'neu', 'password');
    expect(await t.stored()).toBeNull();
    let r = await t.run();
    expect(r.status).toBe('ok');
    expect(t.crm.stats.calls['POST /auth/user/access_token']).toBe(1);
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    expect(live(t.crm, await t.stored())).toBe(true);

    // The client secret: the stored refresh token would still work, yet the new secret is what the next run uses.
    t.crm.state.setClientSecret('ferry', 'regenerated');
    await connections.setSecret(t.ctx, 'crm', 'regenerated', 'clientSecret');
    expect(await t.stored()).toBeNull();
    r = await t.run();
    expect(r.status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    expect(await t.stored()).not.toBeNull();
  });

  it('a new URL, user name or option forgets the stored refresh token; a new name does not', async () => {
    const t = await setup();
    expect((await t.run('full')).status).toBe('ok');
    const token = await t.stored();
    await connections.update(t.ctx, { name: 'crm', newName: 'crm2' });
    expect(await t.stored()).toBe(token);
    await connections.update(t.ctx, { name: 'crm2', options: { clientId: 'ferry' } });
    expect(await t.stored()).toBe(token);
    await connections.update(t.ctx, { name: 'crm2', username: 'jmueller' });
    expect(await t.stored()).toBeNull();
    await connections.update(t.ctx, { name: 'crm2', newName: 'crm', username: 'admin' });
    expect((await t.run()).status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    await connections.update(t.ctx, { name: 'crm', options: { maxConcurrent: '3' } });
    expect(await t.stored()).toBeNull();
    expect((await t.run()).status).toBe('ok');
    await connections.update(t.ctx, { name: 'crm', url: `${t.crm.url}/` });
    expect(await t.stored()).not.toBeNull(); // normalised to the same URL: nothing changed
    await connections.update(t.ctx, { name: 'crm', url: t.crm.url.replace('127.0.0.1', 'localhost') });
    expect(await t.stored()).toBeNull();
  });

  it('a keychain that cannot keep the refresh token does not fail the sync: a warning by name, never the value', async () => {
    const t = await setup();
    t.secrets.failRefreshToken = true;
    const r = await t.run('full');
    expect(r.status).toBe('ok');
    expect(t.crm.stats.grants).toEqual({ password: 1 });
    expect(await t.stored()).toBeNull();
    const log = fs.readFileSync(t.fileLog.file, 'utf8');
    expect(log).toContain('a stored secret of the connection could not be written to the keychain');
    expect(log).toContain('a stored secret of the connection could not be read from the keychain');
    const issued = [...t.crm.state.refreshTokens.keys()];
    expect(issued).toHaveLength(1);
    expect(filesWith(t.ctx.dataDir, issued[0]!)).toEqual([]);
    // Once the keychain works again, the next run stores the new token.
    t.secrets.failRefreshToken = false;
    expect((await t.run()).status).toBe('ok');
    expect(live(t.crm, await t.stored())).toBe(true);
  });

  it('a connector may store only its own storedSecretNames, never a secret the admin entered', async () => {
    const t = await setup();
    const row = t.ctx.store.connections.byName('crm')!;
    const save = secretSaver(t.ctx, row, oneCrmFactory);
    await expect(save('password', 'overwritten')).rejects.toThrow(/storedSecretNames/);
    await save(REFRESH_TOKEN_SECRET, 'abc');
    expect(await t.stored()).toBe('abc');
    await save(REFRESH_TOKEN_SECRET, null);
    expect(await t.stored()).toBeNull();
    expect(await t.ctx.secrets.get(row.id, 'password')).toBe('secret');
  });
});

// The 1CRM connector and ConnectorContext.saveSecret: what it stores, when, and what it keeps after a failure.
import { afterEach, describe, expect, it } from 'vitest';
import { oneCrmFactory, REFRESH_TOKEN_SECRET } from '../../main/connectors/onecrm/index.js';
import type { Connector } from '../../main/connectors/types.js';
import { createNullLogger } from '../../main/log/index.js';
import { startOneCrmSimulator, type OneCrmSimulator } from '../simulators/onecrm/server.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

/** A keychain of one connection as the connector sees it: what it was given, and every saveSecret call. */
function keychain(initial: string | null = null) {
  const k = { value: initial, calls: [] as (string | null)[] };
  const open = (sim: OneCrmSimulator, withHook = true): Connector => {
    const c = oneCrmFactory.create({
      config: { id: 'con_rt', kind: 'onecrm', name: 'crm', url: sim.url, username: 'admin', options: oneCrmFactory.optionsSchema.parse({ clientId: 'ferry' }) },
      secrets: { clientSecret: 'ferry-secret', password: 'secret', ...(k.value !== null ? { [REFRESH_TOKEN_SECRET]: k.value } : {}) },
      log: createNullLogger(),
      ...(withHook
        ? {
            saveSecret: async (name: string, value: string | null) => {
              expect(name).toBe(REFRESH_TOKEN_SECRET);
              k.calls.push(value);
              k.value = value;
            },
          }
        : {}),
    });
    stops.push(() => c.close());
    return c;
  };
  return { k, open };
}

describe('1CRM connector: keeping the refresh token', () => {
  it('the factory declares refreshToken as stored, not as an admin secret', () => {
    expect(oneCrmFactory.storedSecretNames).toEqual([REFRESH_TOKEN_SECRET]);
    expect(oneCrmFactory.secretNames).not.toContain(REFRESH_TOKEN_SECRET);
  });

  it('saves the issued token once; a server that does not rotate gets no second write', async () => {
    const sim = await startOneCrmSimulator({ data: { accounts: 1, contactsPerAccount: 0, cases: 0, seed: 1 }, rotateRefreshTokens: false });
    stops.push(() => sim.stop());
    const { k, open } = keychain();
    expect(await open(sim).test()).toMatchObject({ category: 'ok' });
    expect(k.calls).toHaveLength(1);
    expect(sim.state.refreshTokens.has(k.value!)).toBe(true);
    sim.resetStats();
    // A new process with the stored token: a refresh, answered with the same token → nothing written.
    expect(await open(sim).test()).toMatchObject({ category: 'ok' });
    expect(sim.stats.grants).toEqual({ refresh_token: 1 });
    expect(k.calls).toHaveLength(1);
  });

  it('a server error on the refresh keeps the stored token (no delete); the configured grant then replaces it', async () => {
    const sim = await startOneCrmSimulator({ data: { accounts: 1, contactsPerAccount: 0, cases: 0, seed: 1 } });
    stops.push(() => sim.stop());
    const { k, open } = keychain();
    expect(await open(sim).test()).toMatchObject({ category: 'ok' });
    const first = k.value;
    k.calls.length = 0;
    sim.resetStats();
    sim.setFaults({ failNext: [{ route: 'POST /auth/user/access_token', count: 1, kind: '500' }] });
    expect(await open(sim).test()).toMatchObject({ category: 'ok' });
    expect(sim.stats.grants).toEqual({ password: 1 });
    expect(k.calls).toHaveLength(1);
    expect(k.calls[0]).not.toBeNull();
    expect(k.value).not.toBe(first);
  });

  it('without the hook (capability probes, unit tests) the refresh token stays in memory and everything works', async () => {
    const sim = await startOneCrmSimulator({ data: { accounts: 1, contactsPerAccount: 0, cases: 0, seed: 1 } });
    stops.push(() => sim.stop());
    const { k, open } = keychain();
    expect(await open(sim, false).test()).toMatchObject({ category: 'ok' });
    expect(k.calls).toEqual([]);
  });
});

// The keychain store against a REAL Secret Service: run under `bash scripts/with-keyring.sh npx vitest run test/secrets`
// (scripts/test-all.sh does). Outside that private keyring these tests are skipped, so they never write into the
// keyring of whoever runs them.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, logFilePath } from '../../main/log/index.js';
import { createKeytarStore, probeAccount, type KeytarModule, type SecretStore } from '../../main/secrets/index.js';
import { isFerryError } from '../../shared/errors.js';
import { secretStoreContract } from './contract.js';

const inPrivateKeyring = process.env['FERRY_TEST_KEYRING'] === '1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(root, 'test/secrets/fixtures/keychain-probe.ts');

const services: string[] = [];
function testService(): string {
  const service = `FerryTest-${randomBytes(4).toString('hex')}`;
  services.push(service);
  return service;
}

function rawKeytar(): KeytarModule {
  return createRequire(import.meta.url)('keytar') as KeytarModule;
}

// Under service "Ferry" other test files store secrets in the same private keyring at the same time: this file
// only ever touches its own connection id there.
const layoutId = `con_layout_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  if (!inPrivateKeyring) return;
  const k = rawKeytar();
  for (const service of services) {
    for (const { account } of await k.findCredentials(service)) await k.deletePassword(service, account);
  }
  for (const { account } of await k.findCredentials('Ferry')) {
    if (account.startsWith(`${layoutId}/`)) await k.deletePassword('Ferry', account);
  }
});

interface ProbeLine {
  op: string;
  ok?: unknown;
  error?: { category: string; message: string; hint: string };
}

function runFixture(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: ProbeLine[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ProbeLine);
      const failure = error as (Error & { code?: number | string | null; signal?: NodeJS.Signals | null }) | null;
      const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null;
      resolve({ code, signal: failure?.signal ?? null, lines, stderr });
    });
  });
}

// Outside the private keyring of scripts/with-keyring.sh these tests fail (they never touch a real user's keyring).
const requirePrivateKeyring = () => {
  if (!inPrivateKeyring) throw new Error('Run the keychain tests under `bash scripts/with-keyring.sh` (npm test does): they need a private, throw-away keyring.');
};
secretStoreContract('keychain store (real Secret Service)', () => (requirePrivateKeyring(), createKeytarStore(testService())));

describe('keychain store (real Secret Service)', () => {
  beforeAll(requirePrivateKeyring);
  it('uses service "Ferry" and account "<connection id>/<secret name>" by default', async () => {
    const store: SecretStore = createKeytarStore();
    await store.set(layoutId, 'password', 'layout-value');
    const k = rawKeytar();
    expect(await k.getPassword('Ferry', `${layoutId}/password`)).toBe('layout-value');
    // …and reads what is stored there
    await k.setPassword('Ferry', `${layoutId}/apiKey`, 'set-outside');
    expect(await store.get(layoutId, 'apiKey')).toBe('set-outside');
    expect(await store.list(layoutId)).toEqual(['apiKey', 'password']);
    await store.deleteAll(layoutId);
    const left = (await k.findCredentials('Ferry')).filter((c) => c.account.startsWith(`${layoutId}/`));
    expect(left).toEqual([]);
  });

  it('leaves no probe entry behind and never lists it', async () => {
    const service = testService();
    const store = createKeytarStore(service);
    expect(await store.get('con_p', 'password')).toBeNull(); // "not set" answers run the lock probe
    await store.delete('con_p', 'password');
    expect(await store.list('con_p')).toEqual([]);
    const accounts = (await rawKeytar().findCredentials(service)).map((c) => c.account);
    expect(accounts).not.toContain(probeAccount);
  });

  it('logs ids and names of keychain operations, never the value', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-secrets-log-'));
    try {
      const log = createLogger(dir, { level: 'debug' });
      const store = createKeytarStore(testService(), { log: log.logger });
      const value = `v-${randomBytes(8).toString('hex')}`;
      await store.set('con_log', 'password', value);
      expect(await store.get('con_log', 'password')).toBe(value);
      await store.list('con_log');
      await log.close();
      const text = readFileSync(logFilePath(dir), 'utf8');
      expect(text).not.toContain(value);
      const ops = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(ops.map((o) => [o['op'], o['connectionId'], o['secretName'] ?? null])).toEqual([
        ['set', 'con_log', 'password'],
        ['get', 'con_log', 'password'],
        ['list', 'con_log', null],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no Secret Service reachable: every operation is "needs-credentials" with a hint, never a crash', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ferry-bus', DISPLAY: '' };
    const { code, signal, lines } = await runFixture(process.execPath, ['--import', 'tsx', fixture, testService(), 'get', 'list', 'set', 'delete', 'deleteAll'], env);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(lines.map((l) => [l.op, l.error?.category])).toEqual([
      ['get', 'needs-credentials'],
      ['list', 'needs-credentials'],
      ['set', 'needs-credentials'],
      ['delete', 'needs-credentials'],
      ['deleteAll', 'needs-credentials'],
    ]);
    expect(lines[0]!.error!.hint).toMatch(/Secret Service/);
  });

  it('locked keyring: reads do not pretend "not set", listing does not crash the process', async () => {
    // A keyring of its own (nested private session), so locking it cannot disturb the other tests.
    const service = 'FerryLocked';
    const script = [
      `node --import tsx ${JSON.stringify(fixture)} ${service} seed`,
      `gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null`,
      `node --import tsx ${JSON.stringify(fixture)} ${service} get list set delete deleteAll`,
    ].join(' && ');
    const { code, signal, lines, stderr } = await runFixture('bash', [path.join(root, 'scripts/with-keyring.sh'), 'bash', '-c', script], { ...process.env, DISPLAY: '' });
    expect({ code, signal, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(lines.map((l) => [l.op, l.error?.category ?? 'ok'])).toEqual([
      ['seed', 'ok'],
      ['get', 'needs-credentials'],
      ['list', 'needs-credentials'],
      ['set', 'needs-credentials'],
      ['delete', 'needs-credentials'],
      ['deleteAll', 'needs-credentials'],
    ]);
  });
});

describe('keychain store: failures of the keychain module (injected)', () => {
  it('a keychain module that cannot load is "needs-credentials"; a later call tries again', async () => {
    let attempts = 0;
    const store = createKeytarStore('FerryX', {
      platform: 'win32',
      load: () => {
        attempts++;
        if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return { getPassword: async () => 'loaded', setPassword: async () => {}, deletePassword: async () => true, findCredentials: async () => [] };
      },
    });
    await expect(store.get('con_1', 'password')).rejects.toSatisfy(
      (e: unknown) => isFerryError(e) && e.category === 'needs-credentials' && /libsecret/.test(e.message) && /libsecret/.test(e.hint),
    );
    expect(await store.get('con_1', 'password')).toBe('loaded');
    expect(attempts).toBe(2);
  });

  it('on Linux, an empty answer is checked with a probe write before it counts as "not set"', async () => {
    const calls: string[] = [];
    const store = createKeytarStore('FerryX', {
      platform: 'linux',
      load: () => ({
        getPassword: async (_s, a) => (calls.push(`get ${a}`), null),
        setPassword: async (_s, a) => {
          calls.push(`set ${a}`);
          throw new Error('Cannot create an item in a locked collection');
        },
        deletePassword: async (_s, a) => (calls.push(`delete ${a}`), false),
        findCredentials: async () => {
          calls.push('find');
          throw new Error('must not be reached: crashes on a locked keyring');
        },
      }),
    });
    await expect(store.get('con_1', 'password')).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'needs-credentials' && /locked collection/.test(e.message));
    await expect(store.list('con_1')).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'needs-credentials');
    expect(calls).toEqual(['get con_1/password', `set ${probeAccount}`, `set ${probeAccount}`]);
  });

  it('enforces the Windows Credential Manager size limit before calling the keychain', async () => {
    let called = false;
    const store = createKeytarStore('FerryX', {
      platform: 'win32',
      load: () => ({ getPassword: async () => null, setPassword: async () => void (called = true), deletePassword: async () => true, findCredentials: async () => [] }),
    });
    await expect(store.set('con_1', 'token', 'x'.repeat(3000))).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'input');
    expect(called).toBe(false);
  });
});

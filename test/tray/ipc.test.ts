import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callOperation } from '../../main/app/operations.js';
import { contentSecurityPolicy, invokeOperation, isRendererUrl, isTrustedSender, refusedSender, rendererUrl, withCsp } from '../../main/tray/ipc.js';
import { appPaths, trayIconFile } from '../../main/tray/paths.js';
import { createKeytarStore, createMemoryStore, type SecretStore } from '../../main/secrets/index.js';
import { keychainRoundTrip, smokeService, testHooksEnabled } from '../../main/tray/test-hooks.js';
import { FerryError } from '../../shared/errors.js';
import { appContext } from '../support/app-context.js';

const index = path.resolve('/opt/Ferry/resources/app.asar/dist/renderer/index.html');
const renderer = rendererUrl(index);

describe('who may call an operation over IPC', () => {
  const allowed = { webContentsIds: [7], rendererUrl: renderer };
  it('the top frame of our window showing our renderer page, on any of its hash routes', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: renderer, mainFrame: true }, allowed)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: `${renderer}#/runs/run_1`, mainFrame: true }, allowed)).toBe(true);
  });
  it('nobody else: another window, a sub-frame, a gone frame, another file, a web page', () => {
    expect(isTrustedSender({ webContentsId: 8, frameUrl: renderer, mainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: renderer, mainFrame: false }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: null, mainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: pathToFileURL(path.resolve('/tmp/evil/index.html')).href, mainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://example.com/', mainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'file://attacker-host/opt/Ferry/resources/app.asar/dist/renderer/index.html', mainFrame: true }, allowed)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'not a url', mainFrame: true }, { webContentsIds: [], rendererUrl: renderer })).toBe(false);
  });
  it('recognises the renderer page however its path is spelled', () => {
    expect(isRendererUrl(renderer.replace('/dist/renderer/', '/dist/./renderer/'), renderer)).toBe(true);
    expect(isRendererUrl(renderer.replace('index.html', 'other.html'), renderer)).toBe(false);
  });
});

describe('the IPC answer', () => {
  const ctx = appContext('ferry-ipc-');
  const call = (op: Parameters<typeof callOperation>[1], input: unknown) => callOperation({ ctx }, op, input);
  it('carries the value of a successful operation', async () => {
    const r = await invokeOperation(call, 'kinds.list', undefined);
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { kind: string }[]).map((k) => k.kind)).toEqual(expect.arrayContaining(['centron']));
  });
  it('carries category, message and hint of a refused input or a failed operation, never a thrown Error', async () => {
    expect(await invokeOperation(call, 'connections.show', { name: 7 })).toEqual({ ok: false, error: { category: 'input', message: expect.stringContaining('connections.show'), hint: expect.any(String) } });
    expect(await invokeOperation(call, 'connections.show', { name: 'nope' })).toMatchObject({ ok: false, error: { category: 'not-found' } });
    expect(await invokeOperation(() => Promise.reject(new FerryError('busy', 'Busy.', 'Wait.')), 'status.get', {})).toEqual({ ok: false, error: { category: 'busy', message: 'Busy.', hint: 'Wait.' } });
    expect(await invokeOperation(() => Promise.reject(new TypeError('boom')), 'status.get', {})).toMatchObject({ ok: false, error: { category: 'internal', message: expect.stringContaining('boom') } });
  });
  it('refuses a foreign sender with a permission error', () => {
    expect(refusedSender).toMatchObject({ ok: false, error: { category: 'permission' } });
  });
});

describe('the window\'s Content-Security-Policy', () => {
  it('allows only the app\'s own files, inline styles for Fluent UI, no plugins, no base, no framing', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|https?:|\*/);
  });
  it('replaces whatever policy a response brought, keeping its other headers', () => {
    expect(withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' })).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });
});

describe('the app\'s files', () => {
  it('come from dist/ next to the main bundle; the tray icons from resources/icons when packaged, build/icons otherwise', () => {
    const mainDir = path.resolve('/app/dist/main/electron');
    expect(appPaths(mainDir, { packaged: false })).toEqual({
      rendererIndex: path.resolve('/app/dist/renderer/index.html'),
      preload: path.resolve('/app/dist/preload/index.cjs'),
      icons: path.resolve('/app/build/icons'),
      appIcon: path.resolve('/app/build/icons/icon.png'),
    });
    expect(appPaths(mainDir, { packaged: true, resourcesPath: path.resolve('/opt/Ferry/resources') }).icons).toBe(path.resolve('/opt/Ferry/resources/icons'));
    expect(trayIconFile(path.resolve('/i'), 'attention')).toBe(path.resolve('/i/tray-attention.png'));
  });
});

describe('the smoke test hooks', () => {
  it('are on only with FERRY_TEST_HOOKS=1', () => {
    expect(testHooksEnabled({ FERRY_TEST_HOOKS: '1' })).toBe(true);
    expect(testHooksEnabled({ FERRY_TEST_HOOKS: 'true' })).toBe(false);
    expect(testHooksEnabled({})).toBe(false);
  });
  it('write, read back and delete a secret in the real OS keychain, leaving nothing behind', async () => {
    const store = createKeytarStore(smokeService);
    expect(await keychainRoundTrip(store)).toEqual({ ok: true, readBack: true, deleted: true, error: null });
    const keytar = (await import('keytar')).default;
    expect(await keytar.findCredentials(smokeService)).toEqual([]);
  });
  it('report a keychain that cannot be used instead of throwing', async () => {
    const broken: SecretStore = { ...createMemoryStore(), set: () => Promise.reject(new FerryError('needs-credentials', 'The OS keychain is not available.', 'Unlock it.')) };
    expect(await keychainRoundTrip(broken)).toEqual({ ok: false, readBack: false, deleted: false, error: 'The OS keychain is not available.' });
  });
});

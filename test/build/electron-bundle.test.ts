import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../shared/contract.js';
import type { ProgressEvent } from '../../shared/progress.js';

const repo = path.resolve(import.meta.dirname, '../..');
type Fn = (...args: unknown[]) => unknown;

/**
 * Runs the built preload as Electron's sandbox would (CommonJS, `require('electron')` only), against a fake
 * contextBridge and ipcRenderer. Returns what it exposed and what it sent.
 */
function loadPreload(code: string, argv: string[], answer: (channel: string, input: unknown) => unknown) {
  const exposed: Record<string, Record<string, Fn>> = {};
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Fn>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, Fn>) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, input?: unknown) => {
        invoked.push({ channel, input });
        return answer(channel, input);
      },
      on: (channel: string, f: Fn) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(f),
      removeListener: (channel: string, f: Fn) => void listeners.get(channel)?.delete(f),
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  vm.runInNewContext(code, {
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
    process: { argv },
  });
  const send = (channel: string, e: unknown) => [...(listeners.get(channel) ?? [])].forEach((f) => f({ sender: null }, e));
  return { exposed, invoked, required, listeners, send };
}

describe('the Electron bundles (scripts/build-electron.mjs)', () => {
  let out: string;
  let preload: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-electron-build-'));
    execFileSync(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--out', out, '--quiet'], { cwd: repo });
    preload = fs.readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
  });

  it('builds the main process as ESM with electron and the native modules left to the packaged node_modules', () => {
    const main = fs.readFileSync(path.join(out, 'main/electron/main.js'), 'utf8');
    expect(main).toMatch(/^import \{[^}]*\bapp\b[^}]*\} from "electron";$/m);
    expect(main).toMatch(/^import \w+ from "better-sqlite3";$/m);
    expect(main).not.toMatch(/require\("electron"\)/);
  });

  it('exposes exactly window.ferry: one function per contract operation and onProgress; it requires only electron', () => {
    const p = loadPreload(preload, [], () => ({ ok: true, value: null }));
    expect(Object.keys(p.exposed)).toEqual(['ferry']);
    expect(Object.keys(p.exposed['ferry']!).sort()).toEqual([...operationNames, 'onProgress'].sort());
    expect(p.required).toEqual(['electron']);
    // The operation names are inlined from the contract: zod and the schemas stay out of the preload.
    expect(preload).not.toMatch(/zod/);
    expect(preload.length).toBeLessThan(10_000);
  });

  it('invokes ferry:<operation> with the input and resolves with the value', async () => {
    const p = loadPreload(preload, [], (channel, input) => ({ ok: true, value: { channel, input } }));
    const ferry = p.exposed['ferry']!;
    expect(await ferry['connections.show']!({ name: 'erp' })).toEqual({ channel: 'ferry:connections.show', input: { name: 'erp' } });
    expect(await ferry['kinds.list']!()).toEqual({ channel: 'ferry:kinds.list', input: {} });
  });

  it('rejects with the error body as a plain object, so category and hint survive the context bridge', async () => {
    const error = { category: 'not-found', message: 'There is no connection "x".', hint: 'List them with `ferry connections list`.' };
    const p = loadPreload(preload, [], () => ({ ok: false, error }));
    const rejected = await (p.exposed['ferry']!['connections.show']!({ name: 'x' }) as Promise<unknown>).then(
      () => null,
      (e: unknown) => e,
    );
    expect(rejected).toEqual({ name: 'FerryError', ...error });
    // Not an Error: the bridge would copy an Error's message only.
    expect(Object.prototype.toString.call(rejected)).toBe('[object Object]');
  });

  it('passes progress events to a listener until it unsubscribes', () => {
    const p = loadPreload(preload, [], () => null);
    const got: ProgressEvent[] = [];
    const off = p.exposed['ferry']!['onProgress']!((e: ProgressEvent) => got.push(e)) as () => void;
    const e = { runId: 'r', pipelineId: 'p', phase: 'done', entity: null, side: null, processed: 1, total: 1, counts: null, message: null };
    p.send('ferry:progress', e);
    off();
    p.send('ferry:progress', { ...e, runId: 'later' });
    expect(got).toEqual([e]);
    expect(p.listeners.get('ferry:progress')?.size).toBe(0);
  });

  it('adds the smoke test\'s window.ferryTest only when main passes --ferry-test-hooks', async () => {
    expect(Object.keys(loadPreload(preload, ['--ferry-test-hooks'], () => null).exposed)).toEqual(['ferry', 'ferryTest']);
    const p = loadPreload(preload, ['electron', '--ferry-test-hooks'], (channel) => ({ ok: true, value: channel }));
    expect(await p.exposed['ferryTest']!['info']!()).toBe('ferry:test-info');
    expect(await p.exposed['ferryTest']!['keytar']!()).toBe('ferry:test-keytar');
  });
});

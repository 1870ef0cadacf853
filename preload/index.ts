// The bridge between the sandboxed renderer and the main process, bundled as CommonJS (sandboxed renderers do not
// load ESM preloads) by scripts/build-electron.mjs. It exposes exactly `window.ferry`: one async function per
// contract operation and `onProgress`. The main process checks the sender and validates every input.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { operationChannel, progressChannel, type FerryBridge, type IpcResult } from '../shared/bridge.js';
import { operationNames } from '../shared/contract.js';
import type { ProgressEvent } from '../shared/progress.js';

/**
 * A failed operation rejects with its error body `{ category, message, hint, details? }` as a plain object: the
 * context bridge copies an Error with its message only (custom properties are lost), a plain object whole. The
 * renderer turns it into its ApiError (renderer/src/api/client.ts, toApiError).
 */
async function invoke(op: (typeof operationNames)[number], input: unknown): Promise<unknown> {
  const r = (await ipcRenderer.invoke(operationChannel(op), input ?? {})) as IpcResult;
  if (r.ok) return r.value;
  throw { name: 'FerryError', ...r.error };
}

const api: Record<string, unknown> = {};
for (const op of operationNames) api[op] = (input: unknown) => invoke(op, input);
api['onProgress'] = (listener: (e: ProgressEvent) => void): (() => void) => {
  const handler = (_event: IpcRendererEvent, e: ProgressEvent) => listener(e);
  ipcRenderer.on(progressChannel, handler);
  return () => {
    ipcRenderer.removeListener(progressChannel, handler);
  };
};
contextBridge.exposeInMainWorld('ferry', api as FerryBridge);

// The packaged app's smoke test (main passes --ferry-test-hooks only when started with FERRY_TEST_HOOKS=1).
if (process.argv.includes('--ferry-test-hooks')) {
  const hook = async (channel: string) => {
    const r = (await ipcRenderer.invoke(channel)) as IpcResult;
    if (r.ok) return r.value;
    throw { name: 'FerryError', ...r.error };
  };
  contextBridge.exposeInMainWorld('ferryTest', { info: () => hook('ferry:test-info'), keytar: () => hook('ferry:test-keytar') });
}

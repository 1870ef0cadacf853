// Bundled as CommonJS (Electron's sandboxed renderers do not load ESM preloads). Exposes exactly the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { operationNames } from '../shared/contract.js';

const api = Object.fromEntries(
  operationNames.map((name) => [
    name,
    async (input: unknown) => {
      const r = (await ipcRenderer.invoke(`ferry:${name}`, input ?? {})) as { ok: boolean; value?: unknown; error?: { category: string; message: string; hint: string } };
      if (!r.ok) throw Object.assign(new Error(r.error?.message ?? 'error'), r.error);
      return r.value;
    },
  ]),
);
contextBridge.exposeInMainWorld('ferry', api);

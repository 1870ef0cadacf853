import type { FerryApi, OperationName } from './contract.js';
import type { ErrorBody } from './errors.js';
import type { ProgressEvent } from './progress.js';

/** What the preload exposes as `window.ferry` (and what the HTTP transport gives a browser): the contract plus progress events. */
export type FerryBridge = FerryApi & { onProgress(l: (e: ProgressEvent) => void): () => void };

/** The IPC channel of one operation (`ipcMain.handle` in main/electron, `ipcRenderer.invoke` in the preload). */
export const operationChannel = (op: OperationName): `ferry:${OperationName}` => `ferry:${op}`;
/** Progress events, main → window. */
export const progressChannel = 'ferry:progress';

/**
 * What an operation's IPC handler answers. Errors travel as data: Electron passes only the message of an Error
 * thrown in a handler, and the renderer needs the category and the hint.
 */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ErrorBody };

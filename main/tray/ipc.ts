// The rules of the window and its IPC, as plain functions the Electron shell applies: which sender may call, the
// answer envelope, the Content-Security-Policy, which navigations and windows are refused.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OperationName } from '../../shared/contract.js';
import type { IpcResult } from '../../shared/bridge.js';
import { toErrorBody } from '../../shared/errors.js';
import { CSP } from '../service/static.js';

/**
 * The renderer's policy: only its own files; inline styles for Fluent UI; nothing remote, no plugins, no framing.
 * The same one `ferry serve` sends with the page (one definition, main/service/static.ts).
 */
export const contentSecurityPolicy: string = CSP;

/** Response headers with our CSP (any policy the response brought is replaced, whatever its spelling). */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = Array.isArray(v) ? v : [v];
  out['Content-Security-Policy'] = [contentSecurityPolicy];
  return out;
}

/** The file:// URL of the renderer's index.html. */
export const rendererUrl = (indexHtml: string): string => pathToFileURL(indexHtml).href;

/** Whether `url` is the renderer's own page (any hash route or query, same file). */
export function isRendererUrl(url: string, renderer: string): boolean {
  try {
    const u = new URL(url);
    const r = new URL(renderer);
    if (u.protocol !== 'file:' || r.protocol !== 'file:') return false;
    return path.resolve(fileURLToPath(u)) === path.resolve(fileURLToPath(r)) && (u.host === '' || u.host === 'localhost');
  } catch {
    return false;
  }
}

export interface SenderInfo {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the sending frame (null when the frame is gone). */
  frameUrl: string | null;
  /** Whether the sending frame is the top frame (no sub-frame, no iframe may call). */
  mainFrame: boolean;
}

/** Only the top frame of one of our windows, showing our renderer page, may call an operation. */
export function isTrustedSender(s: SenderInfo, allowed: { webContentsIds: readonly number[]; rendererUrl: string }): boolean {
  return allowed.webContentsIds.includes(s.webContentsId) && s.mainFrame && s.frameUrl !== null && isRendererUrl(s.frameUrl, allowed.rendererUrl);
}

/** Calls one operation for IPC and wraps the outcome, so category and hint reach the renderer. */
export async function invokeOperation(call: (op: OperationName, input: unknown) => Promise<unknown>, op: OperationName, input: unknown): Promise<IpcResult> {
  try {
    return { ok: true, value: await call(op, input ?? {}) };
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
}

/** The answer to a sender that is not allowed (the operation is not called). */
export const refusedSender: IpcResult = {
  ok: false,
  error: { category: 'permission', message: 'This page may not call Ferry operations.', hint: 'Only the Ferry window may call them.' },
};

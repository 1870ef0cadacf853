import type { FerryBridge } from '../../../shared/bridge.js';
import type { OperationName } from '../../../shared/contract.js';
import type { ProgressEvent } from '../../../shared/progress.js';

/** An error from the API: the category decides the heading, the hint says what to do. */
export class ApiError extends Error {
  constructor(
    readonly category: string,
    message: string,
    readonly hint: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const o = (e ?? {}) as { category?: unknown; message?: unknown; hint?: unknown; details?: unknown };
  if (typeof o.category === 'string') return new ApiError(o.category, String(o.message ?? ''), String(o.hint ?? ''), o.details as Record<string, unknown> | undefined);
  return new ApiError('unreachable', e instanceof Error ? e.message : String(e), '');
}

/**
 * The browser transport: POST /api/<operation> with the bearer token, server-sent events for progress.
 * Same shape as the Electron preload's `window.ferry`, so screens cannot tell them apart.
 */
export function httpBridge(base: string, token: string): FerryBridge {
  const call = async (op: string, input: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input ?? {}) });
    } catch (e) {
      throw new ApiError('unreachable', `The Ferry service does not answer (${(e as Error).message}).`, 'Start it again (ferry serve) and reload this page.');
    }
    const body = (await res.json().catch(() => null)) as { error?: { category: string; message: string; hint: string; details?: Record<string, unknown> } } | null;
    if (!res.ok) {
      const err = body?.error;
      throw err ? new ApiError(err.category, err.message, err.hint, err.details) : new ApiError('internal', `HTTP ${res.status}`, 'See the log folder.');
    }
    return body;
  };
  const listeners = new Set<(e: ProgressEvent) => void>();
  let source: EventSource | null = null;
  const onProgress = (l: (e: ProgressEvent) => void) => {
    listeners.add(l);
    if (!source) {
      source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('progress', (m) => {
        const e = JSON.parse((m as MessageEvent<string>).data) as ProgressEvent;
        for (const f of listeners) f(e);
      });
    }
    return () => {
      listeners.delete(l);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
  return new Proxy({ onProgress } as unknown as FerryBridge, {
    get(target, prop) {
      if (prop === 'onProgress') return target.onProgress;
      if (typeof prop !== 'string') return undefined;
      return (input: unknown) => call(prop as OperationName, input);
    },
  });
}

/** The Electron preload's bridge, wrapped so its errors become ApiErrors too. */
export function wrapBridge(b: FerryBridge): FerryBridge {
  return new Proxy(b, {
    get(target, prop) {
      const v = (target as unknown as Record<string | symbol, unknown>)[prop];
      if (prop === 'onProgress' || typeof v !== 'function') return v;
      return async (input: unknown) => {
        try {
          return await (v as (i: unknown) => Promise<unknown>)(input);
        } catch (e) {
          throw toApiError(e);
        }
      };
    },
  });
}

const TOKEN_KEY = 'ferry.token';

/** Picks the transport: Electron's preload when present, else the HTTP service this page came from. */
export function resolveBridge(w: Window & { ferry?: FerryBridge }): FerryBridge | null {
  if (w.ferry) return wrapBridge(w.ferry);
  // `ferry serve` opens http://127.0.0.1:<port>/#token=<token>: keep the token for this tab, drop it from the address bar.
  const m = /^#token=([A-Za-z0-9_-]+)/.exec(w.location.hash);
  if (m) {
    w.sessionStorage.setItem(TOKEN_KEY, m[1]!);
    w.history.replaceState(null, '', `${w.location.pathname}#/`);
  }
  const token = w.sessionStorage.getItem(TOKEN_KEY);
  return token ? httpBridge(w.location.origin, token) : null;
}

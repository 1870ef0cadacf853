// The tray's transport to an engine host in another process (a second admin's tray, `ferry serve`): the operations
// over its loopback API with the bearer token from its token file, and its progress events (server-sent events).
import fs from 'node:fs';
import { contract, type OpOutput, type OperationName } from '../../shared/contract.js';
import { ErrorBody, FerryError } from '../../shared/errors.js';
import { ProgressEvent } from '../../shared/progress.js';
import { findEngineHost, tokenFile } from '../service/client.js';
import type { Store } from '../store/index.js';

export interface RemoteApi {
  url: string;
  /** Calls one operation; input and output are validated against the contract on this side too. */
  call<K extends OperationName>(op: K, input: unknown): Promise<OpOutput<K>>;
  /**
   * Receives the host's progress events until the returned function is called. `onOpen` is called when the host has
   * accepted the stream (from then on no event is missed); `onEnd` once when the stream ends or breaks without having
   * been closed here (the host stopped or died).
   */
  subscribe(listener: (e: ProgressEvent) => void, on?: { open?: () => void; end?: (error: FerryError) => void }): () => void;
}

const unreachable = (url: string, e: unknown) =>
  new FerryError('unreachable', `The Ferry engine host at ${url} does not answer (${(e as Error).message}).`, 'Check that the other Ferry (tray app or `ferry serve`) still runs; when it has stopped, this one takes over.');

/** Validates an operation's input the way callOperation does, so a bad call fails here with the same error. */
export function checkInput(op: OperationName, input: unknown): void {
  const spec = contract[op];
  if (!spec) throw new FerryError('input', `Unknown operation "${String(op)}".`, 'See the API contract in shared/contract.ts.');
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FerryError('input', `Invalid input for ${op}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(), 'Check the request against the API contract.');
  }
}

/** A client of the engine host at `url` (http://127.0.0.1:<port>) with its bearer token. */
export function connectRemote(o: { url: string; token: string }): RemoteApi {
  const { url, token } = o;
  const headers = { authorization: `Bearer ${token}` };
  return {
    url,
    async call(op, input) {
      checkInput(op, input);
      let res: Response;
      try {
        res = await fetch(`${url}/api/${op}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
      } catch (e) {
        throw unreachable(url, e);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new FerryError('internal', `The engine host answered HTTP ${res.status} without a JSON body.`, 'See the log in the data folder.');
      }
      if (!res.ok) {
        const err = ErrorBody.safeParse((body as { error?: unknown } | null)?.error);
        if (err.success) throw new FerryError(err.data.category, err.data.message, err.data.hint, err.data.details);
        throw new FerryError('internal', `The engine host answered HTTP ${res.status}.`, 'See the log in the data folder.');
      }
      const out = contract[op].output.safeParse(body);
      if (!out.success) throw new FerryError('internal', `The engine host's answer to ${op} does not match the contract.`, 'Run the same Ferry version everywhere on this machine.');
      return out.data as OpOutput<typeof op>;
    },
    subscribe(listener, on = {}) {
      const abort = new AbortController();
      let ended = false;
      const end = (e: unknown) => {
        if (ended || abort.signal.aborted) return;
        ended = true;
        on.end?.(e instanceof FerryError ? e : unreachable(url, e));
      };
      void (async () => {
        const res = await fetch(`${url}/api/events`, { headers: { ...headers, accept: 'text/event-stream' }, signal: abort.signal });
        if (!res.ok || !res.body) throw new FerryError('internal', `The engine host refused its event stream (HTTP ${res.status}).`, 'Run the same Ferry version everywhere on this machine.');
        // The host registers the listener before it sends the headers.
        on.open?.();
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e = parseEvent(block);
            if (e) listener(e);
          }
        }
        throw new Error('the event stream ended');
      })().catch(end);
      return () => abort.abort();
    },
  };
}

/** One server-sent event block → a progress event (comments, other events and malformed data are skipped). */
export function parseEvent(block: string): ProgressEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (event !== 'progress' || data.length === 0) return null;
  try {
    const parsed = ProgressEvent.safeParse(JSON.parse(data.join('\n')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The engine host of this data folder when another process holds the engine lease, or null when none does (then this
 * process should become the host). Throws FerryError('permission') when a host runs but its token cannot be read.
 */
export function findRemoteApi(store: Store, dataDir: string): RemoteApi | null {
  const host = findEngineHost(store, dataDir);
  if (!host) return null;
  let token: string;
  try {
    token = fs.readFileSync(tokenFile(dataDir), 'utf8').trim();
  } catch {
    throw new FerryError('permission', `A Ferry engine host runs at ${host.url} but its token file cannot be read.`, 'Run Ferry as an account that may read the data folder, or stop the other Ferry.');
  }
  return connectRemote({ url: host.url, token });
}

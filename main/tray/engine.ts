// How the tray app reaches the engine: it is the engine host itself (scheduler + loopback API in this process), or —
// when another process on the same data folder holds the engine lease — a client of that host's loopback API. When
// that host goes away, `check()` takes over. Plain Node, so it is tested without Electron.
import fs from 'node:fs';
import type { OpOutput, OperationName } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import type { ProgressEvent } from '../../shared/progress.js';
import type { AppContext } from '../app/context.js';
import { callOperation, type OpEnv } from '../app/operations.js';
import { startEngineHost, type EngineHost } from '../service/host.js';
import { connectRemote, findRemoteApi, type RemoteApi } from './remote-api.js';

export type EngineMode = 'host' | 'client' | 'none';

export interface EngineLinkOptions {
  /** Passed to startEngineHost (tests use a long reload interval). */
  host?: Parameters<typeof startEngineHost>[1];
}

export class EngineLink {
  private host: EngineHost | null = null;
  private remote: RemoteApi | null = null;
  private env: OpEnv | null = null;
  private closeEvents: (() => void) | null = null;
  private readonly listeners = new Set<(e: ProgressEvent) => void>();
  private connecting: Promise<EngineMode> | null = null;
  private stopped = false;
  /** Why the last attempt to reach an engine failed (null once connected). */
  lastError: FerryError | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: EngineLinkOptions = {},
  ) {}

  get mode(): EngineMode {
    return this.host ? 'host' : this.remote ? 'client' : 'none';
  }

  /** The loopback API of the engine host in use (this process's, or the other one's). */
  get url(): string | null {
    return this.host?.url ?? this.remote?.url ?? null;
  }

  /** Receives the progress events of every run of the engine (scheduled, manual, from any client). */
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit = (e: ProgressEvent): void => {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.ctx.log.error({ err: (err as Error).message }, 'progress listener failed');
      }
    }
  };

  /** Becomes the engine host, else a client of the running one. Concurrent calls share one attempt. */
  connect(): Promise<EngineMode> {
    if (this.mode !== 'none') return Promise.resolve(this.mode);
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async attempt(): Promise<EngineMode> {
    if (this.stopped) return 'none';
    try {
      const host = await startEngineHost(this.ctx, this.opts.host ?? {});
      this.host = host;
      // Operations go through the host's own environment, so a run started from this window is announced to every
      // client of the host; this window hears all runs (its own included) through the host's event stream below.
      this.env = host.env;
      const self = connectRemote({ url: host.url, token: fs.readFileSync(host.tokenFile, 'utf8').trim() });
      await new Promise<void>((resolve) => {
        this.closeEvents = self.subscribe(this.emit, {
          open: resolve,
          end: (e) => {
            this.ctx.log.warn({ err: e.message }, 'own event stream ended');
            resolve();
          },
        });
      });
      this.lastError = null;
      this.ctx.log.info({ url: host.url }, 'tray: engine host in this process');
      return 'host';
    } catch (e) {
      if (!(e instanceof FerryError) || e.category !== 'busy') {
        this.lastError = e instanceof FerryError ? e : new FerryError('internal', `The engine could not start: ${(e as Error).message}`, 'See the log in the data folder.');
        throw this.lastError;
      }
    }
    // Another process holds the engine lease: use its loopback API.
    const remote = findRemoteApi(this.ctx.store, this.ctx.dataDir);
    if (!remote) {
      // The holder has not published its address yet (it is starting) or just let go: the next check tries again.
      this.lastError = new FerryError('busy', 'Another Ferry engine host is starting on this data folder.', 'Wait a moment; Ferry connects by itself.');
      return 'none';
    }
    this.remote = remote;
    // Connected once the host streams its events to us: from then on no run's progress is missed.
    await new Promise<void>((resolve) => {
      this.closeEvents = remote.subscribe(this.emit, {
        open: resolve,
        end: (e) => {
          this.ctx.log.warn({ url: remote.url, err: e.message }, 'engine host event stream ended');
          if (this.remote === remote) this.dropRemote();
          resolve();
        },
      });
    });
    if (this.remote !== remote) {
      this.lastError = new FerryError('unreachable', `The Ferry engine host at ${remote.url} went away.`, 'Ferry takes over by itself when it can.');
      return 'none';
    }
    this.lastError = null;
    this.ctx.log.info({ url: remote.url }, 'tray: client of the engine host');
    return 'client';
  }

  private dropRemote(): void {
    this.closeEvents?.();
    this.closeEvents = null;
    this.remote = null;
  }

  /**
   * Client: when the host's lease is gone (it stopped or died) or moved, drop it and connect again — this process
   * becomes the host if it can. None: try again. Host: nothing to do.
   */
  async check(): Promise<EngineMode> {
    if (this.remote) {
      let current: RemoteApi | null = null;
      try {
        current = findRemoteApi(this.ctx.store, this.ctx.dataDir);
      } catch {
        current = null;
      }
      if (current?.url === this.remote.url) return 'client';
      this.dropRemote();
    }
    return this.connect();
  }

  /** Calls one operation on the engine; input and output are validated against the contract. */
  async call<K extends OperationName>(op: K, input: unknown): Promise<OpOutput<K>> {
    if (this.mode === 'none') await this.connect();
    if (this.host && this.env) return callOperation(this.env, op, input);
    if (this.remote) return this.remote.call(op, input);
    throw this.lastError ?? new FerryError('unreachable', 'No Ferry engine is reachable.', 'Restart Ferry.');
  }

  /** Stops the host (waiting for runs in progress) or leaves the other one. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closeEvents?.();
    this.closeEvents = null;
    this.remote = null;
    const host = this.host;
    this.host = null;
    this.env = null;
    await host?.stop();
  }
}

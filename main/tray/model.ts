// The tray's state and actions, over any transport (the engine in this process or another one's loopback API).
// The Electron shell feeds it progress events and a 10-second poll, renders what it holds, and hands it the menu's
// actions; everything here runs (and is tested) under plain Node.
import type { OpInput, OpOutput, OperationName } from '../../shared/contract.js';
import { toErrorBody, type ErrorBody } from '../../shared/errors.js';
import type { ProgressEvent } from '../../shared/progress.js';
import type { TrayAction, TrayState } from './menu.js';

export type Call = <K extends OperationName>(op: K, input: OpInput<K>) => Promise<OpOutput<K>>;

/** What an action did: the runs it started (with their outcome) and what could not be done, per pipeline. */
export interface ActionResult {
  started: { pipeline: string; status: string }[];
  changed: string[];
  failed: { pipeline: string; error: ErrorBody }[];
}

export class TrayModel {
  private current: TrayState;
  /** Runs seen in progress events: run id → pipeline id, and the event counter when last seen. */
  private readonly runs = new Map<string, { pipelineId: string; seq: number }>();
  private seq = 0;
  private refreshing: Promise<TrayState> | null = null;
  private again = false;

  constructor(
    private readonly call: Call,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.current = { status: null, error: null, running: [], openConflicts: {}, now: now() };
  }

  get state(): TrayState {
    return this.current;
  }

  /** Records a progress event. True when the state should be refreshed (an entity or run finished). */
  onProgress(e: ProgressEvent): boolean {
    this.runs.set(e.runId, { pipelineId: e.pipelineId, seq: ++this.seq });
    this.current = { ...this.current, running: this.runningPipelines() };
    return e.phase === 'done';
  }

  private runningPipelines(): string[] {
    return [...new Set([...this.runs.values()].map((r) => r.pipelineId))].sort();
  }

  /**
   * Reads status, recent runs and open conflicts. A run stays "in progress" until a refresh that began after its
   * last progress event finds it finished. Calls during a refresh coalesce into one more refresh after it.
   */
  refresh(): Promise<TrayState> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        let state: TrayState;
        do {
          this.again = false;
          state = await this.read();
        } while (this.again);
        return state;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async read(): Promise<TrayState> {
    const startSeq = this.seq;
    try {
      const [status, recent, conflicts] = await Promise.all([this.call('status.get', {}), this.call('runs.list', { limit: 100 }), this.call('conflicts.list', {})]);
      const byId = new Map(recent.map((r) => [r.run, r.status]));
      for (const [runId, r] of this.runs) {
        if (r.seq > startSeq) continue;
        if (byId.get(runId) !== 'running') this.runs.delete(runId);
      }
      const openConflicts: Record<string, number> = {};
      for (const c of conflicts) if (c.closedAt === null && c.resolution === null) openConflicts[c.pipelineId] = (openConflicts[c.pipelineId] ?? 0) + 1;
      this.current = { status, error: null, running: this.runningPipelines(), openConflicts, now: this.now() };
    } catch (e) {
      this.current = { ...this.current, error: toErrorBody(e).message, running: this.runningPipelines(), now: this.now() };
    }
    return this.current;
  }

  /**
   * Performs a menu action that concerns the engine (the others — open, open-logs, quit — belong to the shell and
   * are refused here). Runs are started with trigger 'tray'; the promise settles when they have finished.
   */
  async perform(action: TrayAction): Promise<ActionResult> {
    const result: ActionResult = { started: [], changed: [], failed: [] };
    const pipelines = this.current.status?.pipelines ?? (await this.refresh()).status?.pipelines ?? [];
    const attempt = async (pipeline: string, f: () => Promise<void>) => {
      try {
        await f();
      } catch (e) {
        result.failed.push({ pipeline, error: toErrorBody(e) });
      }
    };
    switch (action.kind) {
      case 'sync':
      case 'sync-all': {
        const names = action.kind === 'sync' ? [action.pipeline] : pipelines.filter((p) => !p.paused && !this.current.running.includes(p.id)).map((p) => p.pipeline);
        await Promise.all(
          names.map((name) =>
            attempt(name, async () => {
              const r = await this.call('runs.start', { pipeline: name, trigger: 'tray' });
              result.started.push({ pipeline: name, status: r.status });
            }),
          ),
        );
        break;
      }
      case 'pause-all':
      case 'resume-all': {
        const pause = action.kind === 'pause-all';
        for (const p of pipelines.filter((x) => x.paused !== pause)) {
          await attempt(p.pipeline, async () => {
            await this.call(pause ? 'pipelines.pause' : 'pipelines.resume', { name: p.pipeline });
            result.changed.push(p.pipeline);
          });
        }
        break;
      }
      default:
        throw new Error(`the tray shell handles "${action.kind}" itself`);
    }
    await this.refresh();
    return result;
  }
}

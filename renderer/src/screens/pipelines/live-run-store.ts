import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { FerryBridge } from '../../../../shared/bridge.js';
import type { OpInput } from '../../../../shared/contract.js';
import type { Pipeline } from '../../../../shared/model.js';
import { toApiError } from '../../api/client.js';
import { useApi } from '../../api/context.js';
import { dismissed, failed, finished, progressed, started, type LiveRun, type LiveRuns, type RunRequest } from './live-runs.js';

/**
 * The runs this window follows, per pipeline id. It lives as long as the bridge (not the screen), so a run
 * started here keeps its progress and result when the admin looks at another screen and comes back.
 */
class LiveRunStore {
  private state: LiveRuns = {};
  private readonly listeners = new Set<() => void>();
  constructor(api: FerryBridge) {
    api.onProgress((e) => this.set(progressed(this.state, e, new Date())));
  }
  readonly get = (): LiveRuns => this.state;
  readonly subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  set(next: LiveRuns): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
  update(f: (s: LiveRuns) => LiveRuns): void {
    this.set(f(this.state));
  }
}

const stores = new WeakMap<FerryBridge, LiveRunStore>();
function storeOf(api: FerryBridge): LiveRunStore {
  let s = stores.get(api);
  if (!s) stores.set(api, (s = new LiveRunStore(api)));
  return s;
}

/** The run of one pipeline this window knows about (progress events filtered by pipeline id), or undefined. */
export function useLiveRun(pipelineId: string): LiveRun | undefined {
  const store = storeOf(useApi());
  const runs = useSyncExternalStore(store.subscribe, store.get);
  return runs[pipelineId];
}

export interface StartOptions {
  mode?: 'delta' | 'full';
  customer?: { leftId: string; label: string };
  confirmDeletes?: boolean;
}

/**
 * Starts a run without waiting for it: the call resolves only when the run ends, so the screen shows "started",
 * then the live progress, then the result; status, runs and pipelines are fetched again afterwards.
 */
export function useStartRun(): { start: (p: Pipeline, o?: StartOptions) => void; dismiss: (pipelineId: string) => void } {
  const api = useApi();
  const qc = useQueryClient();
  const store = storeOf(api);
  const start = useCallback(
    (p: Pipeline, o: StartOptions = {}) => {
      const mode = o.mode ?? 'delta';
      const request: RunRequest = { mode, customer: o.customer?.leftId ?? null, customerLabel: o.customer?.label ?? null };
      const input: OpInput<'runs.start'> = o.customer ? { pipeline: p.name, trigger: 'customer', customer: o.customer.leftId } : { pipeline: p.name, trigger: 'manual' };
      if (mode === 'full') input.mode = 'full';
      if (o.confirmDeletes) input.confirmDeletes = true;
      store.update((s) => started(s, p.id, request, new Date()));
      api['runs.start'](input).then(
        (result) => store.update((s) => finished(s, p.id, result)),
        (e: unknown) => store.update((s) => failed(s, p.id, toApiError(e))),
      ).finally(() => {
        for (const k of ['status.get', 'runs.list', 'pipelines.list', 'pipelines.show', 'conflicts.list']) void qc.invalidateQueries({ queryKey: [k] });
      });
    },
    [api, qc, store],
  );
  const dismiss = useCallback((pipelineId: string) => store.update((s) => dismissed(s, pipelineId)), [store]);
  return { start, dismiss };
}

import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FerryBridge } from '../../../shared/bridge.js';
import type { ProgressEvent } from '../../../shared/progress.js';

const ApiContext = createContext<FerryBridge | null>(null);

export function ApiProvider({ api, children }: { api: FerryBridge; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The FerryApi of this window (IPC in Electron, HTTP in a browser). */
export function useApi(): FerryBridge {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** Subscribes to progress events for as long as the component is mounted. */
export function useProgress(listener: (e: ProgressEvent) => void): void {
  const api = useApi();
  useEffect(() => api.onProgress(listener), [api, listener]);
}

/** When a run ends (an entity or the whole run is done), the status, runs and conflicts are fetched again. */
export function useRefreshOnRunEnd(): void {
  const qc = useQueryClient();
  const api = useApi();
  useEffect(
    () =>
      api.onProgress((e) => {
        if (e.phase === 'done') {
          void qc.invalidateQueries({ queryKey: ['status.get'] });
          void qc.invalidateQueries({ queryKey: ['runs.list'] });
          void qc.invalidateQueries({ queryKey: ['conflicts.list'] });
          void qc.invalidateQueries({ queryKey: ['pipelines.list'] });
        }
      }),
    [api, qc],
  );
}

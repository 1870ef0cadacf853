import { useCallback, useEffect, useReducer } from 'react';
import type { ProgressEvent } from '../../../../shared/progress.js';
import { useProgress } from '../../api/context.js';
import { emptyLive, liveReducer, type LiveRun } from './liveProgress.js';

/**
 * The syncs running now, from the progress events; `finished` are run ids a refetch has shown to be over
 * (the engine's per-entity "done" does not always come with a "done" for the whole run).
 */
export function useLiveProgress(finished: readonly string[]): LiveRun[] {
  const [state, dispatch] = useReducer(liveReducer, emptyLive);
  const listener = useCallback((event: ProgressEvent) => dispatch({ type: 'event', event }), []);
  useProgress(listener);
  const key = finished.join('|');
  useEffect(() => {
    if (key) dispatch({ type: 'end', runIds: key.split('|') });
  }, [key]);
  return state.runs;
}

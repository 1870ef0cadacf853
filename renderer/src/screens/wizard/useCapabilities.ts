import { useEffect, type Dispatch } from 'react';
import { useOp } from '../../api/hooks.js';
import { connectionOf } from './derive.js';
import type { WizardAction } from './reducer.js';
import type { Side, WizardState } from './state.js';

/**
 * Asks the backend what each side's connection can do with its own options (connections.capabilities) as soon as
 * the connection exists, and hands the answer to the state. Until it answers, or when it fails, the flows step
 * goes by the kind's defaults from kinds.list.
 */
export function useCapabilities(state: WizardState, dispatch: Dispatch<WizardAction>): void {
  const pipeline = state.mode !== 'connection';
  useSideCapabilities(pipeline ? state : null, 'left', dispatch);
  useSideCapabilities(pipeline ? state : null, 'right', dispatch);
}

function useSideCapabilities(state: WizardState | null, side: Side, dispatch: Dispatch<WizardAction>): void {
  const c = state ? connectionOf(state, side) : null;
  const q = useOp('connections.capabilities', { name: c?.name ?? '' }, { enabled: !!c });
  const id = c?.id;
  const { data, dataUpdatedAt } = q;
  // dataUpdatedAt: a refetch after the connection was saved again answers anew even when nothing changed.
  useEffect(() => {
    if (id && data) dispatch({ type: 'capabilities', id, entities: data });
  }, [id, data, dataUpdatedAt, dispatch]);
}

import type { FerryBridge } from '../../../../shared/bridge.js';
import type { OpInput } from '../../../../shared/contract.js';
import { flowsSpec } from './flows.js';
import { scheduleSpec } from './schedule.js';
import { changedOptions } from '../connections/option-logic.js';
import { connectionOf, connectionDirty, createOptions, optionFieldsOf, pipelineDirty, scheduleDirty, wantsActForUsers } from './derive.js';
import type { WizardAction } from './reducer.js';
import type { Side, WizardState } from './state.js';

/**
 * What the Next button stores before the wizard moves on. Each result is dispatched as soon as the backend has it,
 * so a later failure (e.g. the secret after the URL) leaves the state telling the truth about what is stored.
 */
type Dispatch = (a: WizardAction) => void;

/** Creates the connection once; afterwards updates it (and its secret) instead: never a second connection. */
export async function saveConnection(api: FerryBridge, state: WizardState, side: Side, dispatch: Dispatch): Promise<void> {
  const s = state[side];
  const fields = optionFieldsOf(state, side);
  if (!connectionDirty(s, fields) || !s.kind) return;
  const name = s.name.trim();
  const url = s.url.trim();
  const username = s.username.trim() || null;
  let saved = s.saved;
  if (saved && saved.kind !== s.kind) {
    // Another system was chosen after this one was stored: it was never used (its pipeline did not exist yet).
    await api['connections.remove']({ name: saved.name });
    dispatch({ type: 'connectionRemoved', side });
    saved = null;
  }
  if (!saved) {
    const c = await api['connections.create']({ kind: s.kind, name, url, username, ...createOptions(state, side), secret: s.secret });
    dispatch({ type: 'connectionSaved', side, connection: c });
    return;
  }
  let current = saved.name;
  const options = changedOptions(fields, saved.options, s.options);
  const optionsChanged = Object.keys(options).length > 0;
  if (name !== saved.name || url !== saved.url || (username ?? '') !== saved.username || optionsChanged) {
    const c = await api['connections.update']({ name: saved.name, ...(name !== saved.name ? { newName: name } : {}), url, username, ...(optionsChanged ? { options } : {}) });
    dispatch({ type: 'connectionSaved', side, connection: c });
    current = c.name;
  }
  if (s.secret) {
    const c = await api['connections.setSecret']({ name: current, secret: s.secret });
    dispatch({ type: 'connectionSaved', side, connection: c });
  }
}

/** pipelines.create's input; `actForUsers` as the backend's PipelineSpec takes it (main/app/pipelines-validate.ts). */
type CreateInput = OpInput<'pipelines.create'> & { actForUsers?: boolean };

/** Creates the pipeline paused once; afterwards updates it. Another pair of connections means a fresh pipeline. */
export async function savePipeline(api: FerryBridge, state: WizardState, dispatch: Dispatch): Promise<void> {
  const p = state.pipeline;
  if (!pipelineDirty(state) || !p.flows) return;
  const left = connectionOf(state, 'left');
  const right = connectionOf(state, 'right');
  if (!left || !right) return;
  const spec = flowsSpec(p.flows);
  const name = p.name.trim();
  const actForUsers = wantsActForUsers(state);
  let saved = p.saved;
  if (saved && (saved.leftId !== left.id || saved.rightId !== right.id || saved.actForUsers !== actForUsers)) {
    // pipelines.update cannot change the connections nor acting for each user; this pipeline is paused and has never run.
    await api['pipelines.remove']({ name: saved.name });
    dispatch({ type: 'pipelineRemoved' });
    saved = null;
  }
  if (!saved) {
    const input: CreateInput = { name, left: left.name, right: right.name, ...spec, ...(actForUsers ? { actForUsers: true } : {}), paused: true };
    const created = await api['pipelines.create'](input);
    dispatch({ type: 'pipelineSaved', pipeline: created, actForUsers });
    return;
  }
  const updated = await api['pipelines.update']({ name: saved.name, ...(name !== saved.name ? { newName: name } : {}), ...spec });
  dispatch({ type: 'pipelineSaved', pipeline: updated });
}

export async function saveSchedule(api: FerryBridge, state: WizardState, dispatch: Dispatch): Promise<void> {
  const p = state.pipeline;
  if (!scheduleDirty(state) || !p.saved || !p.schedule || !p.flows) return;
  const spec = scheduleSpec(p.schedule, p.flows.device.direction !== 'off');
  const updated = await api['pipelines.update']({ name: p.saved.name, ...spec });
  dispatch({ type: 'pipelineSaved', pipeline: updated, schedule: JSON.stringify(spec) });
}

/** Stores what the current step made (if anything), then moves on. */
export async function storeAndAdvance(api: FerryBridge, state: WizardState, dispatch: Dispatch): Promise<void> {
  const { id, side } = state.step;
  if (id === 'secret' && side) await saveConnection(api, state, side, dispatch);
  if (id === 'flows') await savePipeline(api, state, dispatch);
  if (id === 'schedule') await saveSchedule(api, state, dispatch);
  dispatch({ type: 'next' });
}

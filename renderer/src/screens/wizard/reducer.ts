import type { EntityCapability, Kind, UniquenessReport } from '../../../../shared/contract.js';
import type { EntityName } from '../../../../shared/entities.js';
import type { Connection, Pipeline, PreflightCheck, RunResult, TestResult } from '../../../../shared/model.js';
import { canAdvance, currentFlowsSpec, kindOf, same, sideName, stepIndex, steps, takenConnectionNames, takenPipelineNames } from './derive.js';
import { defaultFlows, type FlowChoice } from './flows.js';
import { scheduleFromPipeline, scheduleSpec, type ScheduleChoice } from './schedule.js';
import type { SavedConnection, SavedPipeline, Side, SideState, StepRef, WizardState } from './state.js';
import { uniqueName } from './validate.js';

/** Every change to the wizard's state: the admin's edits, the backend's answers, and moving between steps. */

export type SideField = Partial<Pick<SideState, 'source' | 'kind' | 'existing' | 'name' | 'url' | 'username' | 'options' | 'secret' | 'ticked'>>;

export type WizardAction =
  | { type: 'loaded'; kinds?: Kind[]; connections?: Connection[]; pipelines?: { id: string; name: string }[]; timeZone?: string }
  | { type: 'side'; side: Side; patch: SideField }
  /** One option of a side's connection (merged into those entered before). */
  | { type: 'option'; side: Side; key: string; value: string }
  /** What a connection can do with its options (connections.capabilities), by connection id. */
  | { type: 'capabilities'; id: string; entities: EntityCapability[] }
  | { type: 'connectionSaved'; side: Side; connection: Connection }
  | { type: 'connectionRemoved'; side: Side }
  | { type: 'tested'; side: Side; result: TestResult }
  | { type: 'preflighted'; side: Side; checks: PreflightCheck[] }
  | { type: 'flow'; entity: EntityName; patch: Partial<FlowChoice> }
  | { type: 'pipelineName'; name: string }
  | { type: 'actForUsers'; value: boolean }
  /** `schedule`: the schedule spec (JSON) just sent with it, if any; `actForUsers`: what pipelines.create was sent. */
  | { type: 'pipelineSaved'; pipeline: Pipeline; schedule?: string; actForUsers?: boolean }
  | { type: 'pipelineRemoved' }
  | { type: 'checked'; report: UniquenessReport }
  | { type: 'schedule'; patch: Partial<ScheduleChoice> }
  | { type: 'dryRun'; result: RunResult }
  | { type: 'firstRunNow'; value: boolean }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'goto'; step: StepRef }
  | { type: 'finished' };

function patchSide(state: WizardState, side: Side, patch: Partial<SideState>): WizardState {
  return { ...state, [side]: { ...state[side], ...patch } };
}

function editSide(state: WizardState, side: Side, patch: SideField): WizardState {
  const before = state[side];
  const next: SideState = { ...before, ...patch };
  if (patch.name !== undefined) next.nameEdited = true;
  if (patch.kind !== undefined && patch.kind !== before.kind) {
    if (patch.ticked === undefined) next.ticked = [];
    // Another system has other options.
    if (patch.options === undefined) next.options = {};
    if (!before.nameEdited) {
      const label = state.kinds.find((k) => k.kind === patch.kind)?.label ?? patch.kind ?? '';
      next.name = patch.kind ? uniqueName(label, takenConnectionNames(state, side)) : '';
    }
  }
  // Another connection to test: earlier results no longer say anything.
  if ((patch.existing !== undefined && patch.existing !== before.existing) || (patch.source !== undefined && patch.source !== before.source)) {
    next.test = null;
    next.preflight = null;
  }
  return { ...state, [side]: next };
}

/** Entering the flows: a proposal for this pair of systems (kept as it is when the pair did not change). */
function enterFlows(state: WizardState): WizardState {
  const left = kindOf(state, 'left');
  const right = kindOf(state, 'right');
  const pair = `${left?.kind ?? ''}|${right?.kind ?? ''}`;
  let p = state.pipeline;
  // Another pair: a fresh proposal, and acting for each user is off again until chosen for this pair.
  if (!p.flows || p.flowsFor !== pair) p = { ...p, flows: defaultFlows(left, right), flowsFor: pair, actForUsers: false };
  if (!p.nameEdited && !p.saved) {
    const base = `${sideName(state, 'left')} - ${sideName(state, 'right')}`;
    p = { ...p, name: uniqueName(base, takenPipelineNames(state)) };
  }
  return { ...state, pipeline: p };
}

export function reducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'loaded':
      return {
        ...state,
        kinds: action.kinds ?? state.kinds,
        connections: action.connections ?? state.connections,
        pipelines: action.pipelines ?? state.pipelines,
        timeZone: action.timeZone ?? state.timeZone,
        ready: state.ready || (!!action.kinds && !!action.connections && !!action.pipelines),
      };
    case 'side':
      return editSide(state, action.side, action.patch);
    case 'option':
      return patchSide(state, action.side, { options: { ...state[action.side].options, [action.key]: action.value } });
    case 'capabilities':
      return JSON.stringify(state.capabilities[action.id]) === JSON.stringify(action.entities) ? state : { ...state, capabilities: { ...state.capabilities, [action.id]: action.entities } };
    case 'connectionSaved': {
      const c = action.connection;
      const saved: SavedConnection = { id: c.id, kind: c.kind, name: c.name, url: c.url, username: c.username ?? '', options: c.options };
      const s = state[action.side];
      const next = patchSide(state, action.side, {
        saved,
        secret: '',
        // What the backend made of it (it may normalise the URL): the form shows what is stored.
        name: c.name,
        url: c.url,
        username: c.username ?? '',
        options: c.options,
        kind: c.kind,
        test: null,
        preflight: null,
      });
      const connections = [...state.connections.filter((x) => x.id !== c.id && x.id !== s.saved?.id), c];
      // Its options may have changed what it can do: asked again (until then the kind's defaults apply).
      const capabilities = { ...state.capabilities };
      delete capabilities[c.id];
      return { ...next, connections, capabilities, pipeline: { ...next.pipeline, uniqueness: null, dryRun: null } };
    }
    case 'connectionRemoved': {
      const id = state[action.side].saved?.id;
      return { ...patchSide(state, action.side, { saved: null }), connections: state.connections.filter((c) => c.id !== id) };
    }
    case 'tested':
      return patchSide(state, action.side, { test: action.result, preflight: action.result.category === 'ok' ? state[action.side].preflight : null });
    case 'preflighted':
      return patchSide(state, action.side, { preflight: action.checks });
    case 'flow': {
      const flows = state.pipeline.flows;
      if (!flows) return state;
      return { ...state, pipeline: { ...state.pipeline, flows: { ...flows, [action.entity]: { ...flows[action.entity], ...action.patch } } } };
    }
    case 'pipelineName':
      return { ...state, pipeline: { ...state.pipeline, name: action.name, nameEdited: true } };
    case 'actForUsers':
      return { ...state, pipeline: { ...state.pipeline, actForUsers: action.value } };
    case 'pipelineSaved': {
      const p = action.pipeline;
      const zone = state.timeZone;
      const schedule = state.pipeline.schedule ?? scheduleFromPipeline(p.config.schedule, zone);
      const devices = !!p.config.entities.device;
      // What the backend holds: what was just sent; else what it held before (a flows update keeps the schedule);
      // else the schedule it proposed on create.
      const savedSchedule = action.schedule ?? state.pipeline.saved?.schedule ?? JSON.stringify(scheduleSpec(scheduleFromPipeline(p.config.schedule, zone), devices));
      const next: WizardState = { ...state, pipeline: { ...state.pipeline, name: p.name, schedule } };
      // Acting for each user is set on create only: what was sent then, else what was stored before.
      const actForUsers = action.actForUsers ?? state.pipeline.saved?.actForUsers ?? !!p.config.actForUsers;
      const saved: SavedPipeline = { id: p.id, name: p.name, leftId: p.left.id, rightId: p.right.id, spec: currentFlowsSpec(next), schedule: savedSchedule, actForUsers };
      const pipelines = [...state.pipelines.filter((x) => x.id !== p.id), { id: p.id, name: p.name }];
      // The flows changed the data a check or preview looked at: both are run again. The schedule does not.
      const flowsChanged = state.pipeline.saved?.spec !== saved.spec || state.pipeline.saved?.id !== saved.id || state.pipeline.saved?.actForUsers !== saved.actForUsers;
      return {
        ...next,
        pipelines,
        pipeline: { ...next.pipeline, saved, ...(flowsChanged ? { uniqueness: null, dryRun: null } : {}) },
      };
    }
    case 'pipelineRemoved': {
      const id = state.pipeline.saved?.id;
      return { ...state, pipelines: state.pipelines.filter((p) => p.id !== id), pipeline: { ...state.pipeline, saved: null, uniqueness: null, dryRun: null } };
    }
    case 'checked':
      return { ...state, pipeline: { ...state.pipeline, uniqueness: action.report } };
    case 'schedule':
      return state.pipeline.schedule ? { ...state, pipeline: { ...state.pipeline, schedule: { ...state.pipeline.schedule, ...action.patch } } } : state;
    case 'dryRun':
      return { ...state, pipeline: { ...state.pipeline, dryRun: action.result } };
    case 'firstRunNow':
      return { ...state, pipeline: { ...state.pipeline, firstRunNow: action.value } };
    case 'next': {
      if (!canAdvance(state)) return state;
      const list = steps(state);
      const to = list[stepIndex(state) + 1];
      if (!to) return state;
      const moved = { ...state, step: to };
      return to.id === 'flows' ? enterFlows(moved) : moved;
    }
    case 'back': {
      const to = steps(state)[stepIndex(state) - 1];
      return to ? { ...state, step: to } : state;
    }
    case 'finished':
      return { ...state, finished: true };
    case 'goto': {
      // Only back to a step already passed (e.g. from a failed test to the password).
      const i = steps(state).findIndex((s) => same(s, action.step));
      return i >= 0 && i < stepIndex(state) ? { ...state, step: action.step } : state;
    }
  }
}


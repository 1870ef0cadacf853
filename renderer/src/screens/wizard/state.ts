import type { EntityCapability, Kind, UniquenessReport } from '../../../../shared/contract.js';
import type { Connection, PreflightCheck, RunResult, TestResult } from '../../../../shared/model.js';
import type { OptionValues } from '../connections/option-logic.js';
import type { Flows } from './flows.js';
import type { ScheduleChoice } from './schedule.js';

/**
 * The whole wizard in one state object (this file) and one reducer (reducer.ts): every step reads from it and writes
 * to it, so going Back and Next again loses nothing. What follows from it (the steps, why Next waits) is in
 * derive.ts; side effects (API calls) live in effects.ts and report back through actions.
 */
/** full: two connections and a pipeline; connection: one connection only; pipeline: a pipeline between two existing connections. */
export type Mode = 'full' | 'connection' | 'pipeline';
export type Side = 'left' | 'right';
export type StepId = 'system' | 'account' | 'secret' | 'test' | 'preflight' | 'flows' | 'uniqueness' | 'schedule' | 'review' | 'activate';
export interface StepRef {
  id: StepId;
  /** The connection side for the connection steps, null for the pipeline steps. */
  side: Side | null;
}

/** A connection as this wizard stored it (to tell whether the form differs from what the backend has). */
export interface SavedConnection {
  id: string;
  kind: string;
  name: string;
  url: string;
  username: string;
  /** The options as the backend stored them (defaults filled in). */
  options: OptionValues;
}

export interface SideState {
  source: 'new' | 'existing';
  kind: string | null;
  /** Indexes of the kind's `needs` the admin ticked (their own checklist; nothing depends on it). */
  ticked: number[];
  /** Name of the existing connection chosen (source "existing"). */
  existing: string | null;
  name: string;
  nameEdited: boolean;
  url: string;
  username: string;
  /** The kind's options as entered (only those touched; the rest keep their defaults). */
  options: OptionValues;
  /** Typed, not yet stored; cleared as soon as the backend has it (the UI never shows it again). */
  secret: string;
  saved: SavedConnection | null;
  test: TestResult | null;
  preflight: PreflightCheck[] | null;
}

export interface SavedPipeline {
  id: string;
  name: string;
  leftId: string;
  rightId: string;
  /** flowsSpec as JSON, to tell whether the flows differ from what the backend has. */
  spec: string;
  /** scheduleSpec as JSON, likewise. */
  schedule: string;
  /** Created to act for each user (pipelines.update cannot change it: another choice means a fresh pipeline). */
  actForUsers: boolean;
}

export interface PipelineState {
  name: string;
  nameEdited: boolean;
  flows: Flows | null;
  /** "leftKind|rightKind" the flows were proposed for: another pair of systems gets a fresh proposal. */
  flowsFor: string | null;
  /** Act for each user (users matched by primary e-mail); only where both kinds allow it (derive.ts usersProblem). */
  actForUsers: boolean;
  saved: SavedPipeline | null;
  uniqueness: UniquenessReport | null;
  schedule: ScheduleChoice | null;
  dryRun: RunResult | null;
  firstRunNow: boolean;
}

export interface WizardState {
  mode: Mode;
  step: StepRef;
  left: SideState;
  right: SideState;
  pipeline: PipelineState;
  kinds: Kind[];
  connections: Connection[];
  /**
   * What each connection can do with its own options (connections.capabilities, by connection id): c-entron
   * writes devices only once device write is confirmed, which kinds.list (defaults only) cannot know.
   */
  capabilities: Record<string, EntityCapability[]>;
  pipelines: { id: string; name: string }[];
  timeZone: string;
  /** Kinds, connections and pipelines have arrived (the steps need them to offer and check anything). */
  ready: boolean;
  /** Activated (or the connection is done): the next visit starts a fresh wizard. */
  finished: boolean;
}

const emptySide = (source: SideState['source']): SideState => ({
  source,
  kind: null,
  ticked: [],
  existing: null,
  name: '',
  nameEdited: false,
  url: '',
  username: '',
  options: {},
  secret: '',
  saved: null,
  test: null,
  preflight: null,
});

export function initialState(mode: Mode, timeZone = 'UTC'): WizardState {
  const source = mode === 'pipeline' ? 'existing' : 'new';
  return {
    mode,
    step: { id: 'system', side: 'left' },
    left: emptySide(source),
    right: emptySide(source),
    pipeline: { name: '', nameEdited: false, flows: null, flowsFor: null, actForUsers: false, saved: null, uniqueness: null, schedule: null, dryRun: null, firstRunNow: true },
    kinds: [],
    connections: [],
    capabilities: {},
    pipelines: [],
    timeZone,
    ready: false,
    finished: false,
  };
}

/** What stays when the wizard is left and opened again: everything but typed secrets. */
export const withoutSecrets = (state: WizardState): WizardState => ({ ...state, left: { ...state.left, secret: '' }, right: { ...state.right, secret: '' } });

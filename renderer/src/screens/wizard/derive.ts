import type { Kind, OptionField } from '../../../../shared/contract.js';
import type { EntityName } from '../../../../shared/entities.js';
import { changedOptions, optionsForCreate, unclearableOptions } from '../connections/option-logic.js';
import { ENTITIES } from './entities.js';
import { flowsProblem, flowsSpec, type FlowsProblem } from './flows.js';
import { scheduleProblem, scheduleSpec, type ScheduleProblem } from './schedule.js';
import type { Side, SideState, StepId, StepRef, WizardState } from './state.js';
import { nameProblem, urlProblem, type NameProblem, type UrlProblem } from './validate.js';

/** What follows from the wizard's state: its steps, the connections and kinds chosen, and why Next has to wait. */

const sideSteps = (s: SideState): StepId[] => (s.source === 'existing' ? ['system', 'test', 'preflight'] : ['system', 'account', 'secret', 'test', 'preflight']);
const pipelineSteps: StepId[] = ['flows', 'uniqueness', 'schedule', 'review', 'activate'];

/** The steps of this wizard, in order (they depend on the mode and on new vs existing connections). */
export function steps(state: WizardState): StepRef[] {
  const left = sideSteps(state.left).map((id) => ({ id, side: 'left' as const }));
  if (state.mode === 'connection') return left;
  const right = sideSteps(state.right).map((id) => ({ id, side: 'right' as const }));
  return [...left, ...right, ...pipelineSteps.map((id) => ({ id, side: null }))];
}

export const same = (a: StepRef, b: StepRef) => a.id === b.id && a.side === b.side;
export const stepIndex = (state: WizardState): number => Math.max(0, steps(state).findIndex((s) => same(s, state.step)));
export const isFirstStep = (state: WizardState): boolean => stepIndex(state) === 0;
export const isLastStep = (state: WizardState): boolean => stepIndex(state) === steps(state).length - 1;

/** The connection a side stands for: the chosen existing one, or the one this wizard created. */
export function connectionOf(state: WizardState, side: Side): { id: string; name: string; kind: string } | null {
  const s = state[side];
  if (s.source === 'existing') {
    const c = state.connections.find((x) => x.name === s.existing);
    return c ? { id: c.id, name: c.name, kind: c.kind } : null;
  }
  return s.saved ? { id: s.saved.id, name: s.saved.name, kind: s.saved.kind } : null;
}

/**
 * The kind a side is of (chosen, or that of the existing connection). Its entities are what this very connection
 * can do with its options once connections.capabilities has answered; until then the kind's defaults (kinds.list).
 */
export function kindOf(state: WizardState, side: Side): Kind | undefined {
  const s = state[side];
  const name = s.source === 'existing' ? state.connections.find((x) => x.name === s.existing)?.kind : s.kind;
  const kind = state.kinds.find((k) => k.kind === name);
  const id = connectionOf(state, side)?.id;
  const own = id ? state.capabilities[id] : undefined;
  return kind && own ? { ...kind, entities: own } : kind;
}

/** The options a new connection of this side's kind offers. */
export const optionFieldsOf = (state: WizardState, side: Side): OptionField[] => state.kinds.find((k) => k.kind === state[side].kind)?.options ?? [];
/** Options emptied that the backend cannot remove (see option-logic.ts). */
export const accountOptionProblems = (state: WizardState, side: Side): string[] =>
  unclearableOptions(optionFieldsOf(state, side), state[side].saved?.options ?? {}, state[side].options);

/** A side's name as the admin knows it (for labels such as "c-entron → Zabbix"). */
export function sideName(state: WizardState, side: Side): string {
  const s = state[side];
  if (s.source === 'existing') return s.existing ?? '';
  return s.saved?.name ?? s.name;
}

/** Connection names another connection already has (this side's own stored connection excluded). */
export function takenConnectionNames(state: WizardState, side: Side): string[] {
  const own = state[side].saved?.id;
  const other = side === 'left' ? state.right.saved : state.left.saved;
  const names = state.connections.filter((c) => c.id !== own).map((c) => c.name);
  if (other && other.id !== own && state.mode !== 'connection') names.push(other.name);
  return names;
}
export const takenPipelineNames = (state: WizardState): string[] => state.pipelines.filter((p) => p.id !== state.pipeline.saved?.id).map((p) => p.name);

export const accountNameProblem = (state: WizardState, side: Side): NameProblem | null => nameProblem(state[side].name, takenConnectionNames(state, side));
export const accountUrlProblem = (state: WizardState, side: Side): UrlProblem | null => urlProblem(state[side].url);
export const pipelineNameProblem = (state: WizardState): NameProblem | null => nameProblem(state.pipeline.name, takenPipelineNames(state));
export const currentFlowsProblem = (state: WizardState): FlowsProblem | null =>
  state.pipeline.flows ? flowsProblem(state.pipeline.flows, kindOf(state, 'left'), kindOf(state, 'right')) : 'flows.noEntity';

export type Blocker =
  | 'system.chooseKind'
  | 'system.chooseConnection'
  | 'system.sameConnection'
  | NameProblem
  | UrlProblem
  | 'options.cannotClear'
  | 'secret.empty'
  | 'test.notRun'
  | 'test.failed'
  | 'preflight.notRun'
  | 'preflight.failed'
  | FlowsProblem
  | 'pipelineName.empty'
  | 'pipelineName.long'
  | 'pipelineName.start'
  | 'pipelineName.taken'
  | 'uniqueness.notRun'
  | ScheduleProblem
  | 'review.notRun'
  | 'review.failed'
  | 'last';

/** Why Next is not possible on the current step (an i18n key under wizard `blocked.`), or null when it is. */
export function nextBlocker(state: WizardState): Blocker | null {
  const { id, side } = state.step;
  const s = side ? state[side] : null;
  switch (id) {
    case 'system': {
      if (!s || !side) return null;
      if (s.source === 'new') return s.kind && state.kinds.some((k) => k.kind === s.kind) ? null : 'system.chooseKind';
      const c = connectionOf(state, side);
      if (!c) return 'system.chooseConnection';
      const other = connectionOf(state, side === 'left' ? 'right' : 'left');
      if (side === 'right' && other && other.id === c.id) return 'system.sameConnection';
      return null;
    }
    case 'account':
      if (!side) return null;
      return accountNameProblem(state, side) ?? accountUrlProblem(state, side) ?? (accountOptionProblems(state, side).length ? 'options.cannotClear' : null);
    case 'secret':
      if (!s) return null;
      // A new connection (or one of another system than the stored one) needs its secret.
      return (!s.saved || s.saved.kind !== s.kind) && !s.secret ? 'secret.empty' : null;
    case 'test':
      if (!s) return null;
      if (!s.test) return 'test.notRun';
      return s.test.category === 'ok' ? null : 'test.failed';
    case 'preflight':
      if (!s) return null;
      if (!s.preflight) return 'preflight.notRun';
      return s.preflight.some((c) => c.status === 'fail') ? 'preflight.failed' : null;
    case 'flows': {
      const f = currentFlowsProblem(state);
      if (f) return f;
      const n = pipelineNameProblem(state);
      return n ? (`pipelineName.${n.slice('name.'.length)}` as Blocker) : null;
    }
    case 'uniqueness':
      return state.pipeline.uniqueness ? null : 'uniqueness.notRun';
    case 'schedule':
      return state.pipeline.schedule ? scheduleProblem(state.pipeline.schedule) : null;
    case 'review':
      if (!state.pipeline.dryRun) return 'review.notRun';
      return state.pipeline.dryRun.error ? 'review.failed' : null;
    case 'activate':
      return 'last';
  }
}

/** What the backend does not have yet (or has differently) when leaving this step: the Next button stores it first. */
export type PendingWork = 'connection' | 'pipeline' | 'schedule';
export function pendingWork(state: WizardState): PendingWork | null {
  const { id, side } = state.step;
  if (id === 'secret' && side) return connectionDirty(state[side], optionFieldsOf(state, side)) ? 'connection' : null;
  if (id === 'flows') return pipelineDirty(state) ? 'pipeline' : null;
  if (id === 'schedule') return scheduleDirty(state) ? 'schedule' : null;
  return null;
}

const accountOf = (s: SideState) => ({ kind: s.kind ?? '', name: s.name.trim(), url: s.url.trim(), username: s.username.trim() });
/** `fields`: the options of the side's kind (optionFieldsOf). */
export function connectionDirty(s: SideState, fields: readonly OptionField[]): boolean {
  if (s.source !== 'new') return false;
  if (!s.saved || s.secret) return true;
  const a = accountOf(s);
  if (a.kind !== s.saved.kind || a.name !== s.saved.name || a.url !== s.saved.url || a.username !== s.saved.username) return true;
  return Object.keys(changedOptions(fields, s.saved.options, s.options)).length > 0;
}

/** The `options` of connections.create: only those that differ from the default (none: no `options` at all). */
export function createOptions(state: WizardState, side: Side): { options?: Record<string, string> } {
  const o = optionsForCreate(optionFieldsOf(state, side), state[side].options);
  return Object.keys(o).length ? { options: o } : {};
}

/**
 * Why this pair of systems cannot act for each user (null: it can). Both kinds must know users and at least one
 * must list them (a CRM, `directory`); the other may reach each user's data by e-mail (`per-user`, CardDAV).
 * The same rule as the backend's (main/app/per-user.ts); `systems`: the kinds' labels that lack users.
 */
export type UsersProblem = { reason: 'unsupported'; systems: string[] } | { reason: 'noDirectory' };
export function usersProblem(left: Kind | undefined, right: Kind | undefined): UsersProblem | null {
  const lacking = [left, right].filter((k) => !k?.users);
  if (lacking.length) return { reason: 'unsupported', systems: [...new Set(lacking.map((k) => k?.label ?? '?'))] };
  if (left?.users !== 'directory' && right?.users !== 'directory') return { reason: 'noDirectory' };
  return null;
}
export const currentUsersProblem = (state: WizardState): UsersProblem | null => usersProblem(kindOf(state, 'left'), kindOf(state, 'right'));
/** Whether the pipeline is to act for each user: chosen, and possible for this pair. */
export const wantsActForUsers = (state: WizardState): boolean => state.pipeline.actForUsers && !currentUsersProblem(state);

/** The option of a per-user kind that says where each user's data is (CardDAV: the users' address books). */
export const USER_BOOKS_OPTION = 'userBooks';
/** Per-user sides whose connection lacks the option that locates each user's data (with that option's field). */
export function usersOptionMissing(state: WizardState): { side: Side; field: OptionField }[] {
  return (['left', 'right'] as const).flatMap((side) => {
    const kind = kindOf(state, side);
    const field = kind?.users === 'per-user' ? kind.options.find((o) => o.key === USER_BOOKS_OPTION) : undefined;
    if (!field) return [];
    const s = state[side];
    const id = connectionOf(state, side)?.id;
    const stored = id ? state.connections.find((c) => c.id === id)?.options : undefined;
    const value = stored?.[field.key] ?? (s.source === 'new' ? s.options[field.key] : undefined) ?? field.default ?? '';
    return value.trim() ? [] : [{ side, field }];
  });
}

export const currentFlowsSpec = (state: WizardState): string => JSON.stringify(state.pipeline.flows ? flowsSpec(state.pipeline.flows) : null);
export function pipelineDirty(state: WizardState): boolean {
  const saved = state.pipeline.saved;
  if (!saved) return true;
  const l = connectionOf(state, 'left');
  const r = connectionOf(state, 'right');
  return (
    saved.leftId !== l?.id ||
    saved.rightId !== r?.id ||
    saved.name !== state.pipeline.name.trim() ||
    saved.spec !== currentFlowsSpec(state) ||
    saved.actForUsers !== wantsActForUsers(state)
  );
}

const devicesOn = (state: WizardState) => !!state.pipeline.flows && state.pipeline.flows.device.direction !== 'off';
export const currentScheduleSpec = (state: WizardState): string => JSON.stringify(state.pipeline.schedule ? scheduleSpec(state.pipeline.schedule, devicesOn(state)) : null);
export const scheduleDirty = (state: WizardState): boolean => !!state.pipeline.schedule && state.pipeline.saved?.schedule !== currentScheduleSpec(state);

/** May the wizard move on? Only when nothing blocks and the backend has what this step made. */
export const canAdvance = (state: WizardState): boolean => nextBlocker(state) === null && pendingWork(state) === null;

/** Entities switched on, in dependency order. */
export const entitiesOn = (state: WizardState): EntityName[] => (state.pipeline.flows ? ENTITIES.filter((e) => state.pipeline.flows![e].direction !== 'off') : []);

import type { EntityCapability, Kind } from '../../../../shared/contract.js';
import type { Direction, EntityName, MatchKey } from '../../../../shared/entities.js';
import type { ConflictPolicy, DeletePolicy } from '../../../../shared/model.js';
import { CHILDREN, DIRECTIONS, ENTITIES, isErp, isErpRmmPair } from './entities.js';

export type FlowDirection = Direction | 'off';

/** What the admin chose for one entity. */
export interface FlowChoice {
  direction: FlowDirection;
  match: MatchKey;
  conflictPolicy: ConflictPolicy;
  deletePolicy: DeletePolicy;
}
export type Flows = Record<EntityName, FlowChoice>;

/** Why an option is not offered: which side lacks what, with that system's own note where it gave one. */
export interface Unavailable {
  side: 'left' | 'right';
  lacks: 'read' | 'write' | 'modifiedAt';
  note: string | null;
}

const capOf = (kind: Kind | undefined, entity: EntityName): EntityCapability | undefined => kind?.entities.find((e) => e.entity === entity);

/** Why a direction cannot be chosen for an entity (null: it can): the source must read, the target must write. */
export function directionUnavailable(entity: EntityName, direction: Direction, left: Kind | undefined, right: Kind | undefined): Unavailable | null {
  const l = capOf(left, entity);
  const r = capOf(right, entity);
  const need: [side: 'left' | 'right', cap: EntityCapability | undefined, what: 'read' | 'write'][] =
    direction === 'to-right'
      ? [['left', l, 'read'], ['right', r, 'write']]
      : direction === 'to-left'
        ? [['right', r, 'read'], ['left', l, 'write']]
        : [['left', l, 'read'], ['right', r, 'read'], ['left', l, 'write'], ['right', r, 'write']];
  for (const [side, cap, what] of need) {
    if (!cap || !cap[what]) return { side, lacks: what, note: cap?.note ?? null };
  }
  return null;
}

/** Per direction whether it can be chosen. */
export function directionOptions(entity: EntityName, left: Kind | undefined, right: Kind | undefined): { direction: Direction; unavailable: Unavailable | null }[] {
  return DIRECTIONS.map((direction) => ({ direction, unavailable: directionUnavailable(entity, direction, left, right) }));
}

/** newer-wins needs modification times from both sides (DESIGN.md); null when it can be chosen. */
export function newerWinsUnavailable(entity: EntityName, left: Kind | undefined, right: Kind | undefined): Unavailable | null {
  for (const [side, kind] of [['left', left], ['right', right]] as const) {
    const cap = capOf(kind, entity);
    if (!cap?.modifiedAt) return { side, lacks: 'modifiedAt', note: null };
  }
  return null;
}

/** The match key Ferry proposes: an RMM keeps a customer as a group named after the ERP's customer, so match names there. */
export function defaultMatch(entity: EntityName, leftKind: string | null, rightKind: string | null): MatchKey {
  return entity === 'customer' && isErpRmmPair(leftKind, rightKind) ? 'name' : 'number';
}

/**
 * Proposed flows for a pair: customers on, from the ERP where there is one (else left → right), in the first
 * direction both systems allow; everything else off until the admin turns it on.
 */
export function defaultFlows(left: Kind | undefined, right: Kind | undefined): Flows {
  const leftKind = left?.kind ?? null;
  const rightKind = right?.kind ?? null;
  const preferred: Direction[] = isErp(rightKind) && !isErp(leftKind) ? ['to-left', 'to-right'] : ['to-right', 'to-left'];
  const out = {} as Flows;
  for (const entity of ENTITIES) {
    const first = entity === 'customer' ? preferred.find((d) => !directionUnavailable(entity, d, left, right)) : undefined;
    out[entity] = { direction: first ?? 'off', match: defaultMatch(entity, leftKind, rightKind), conflictPolicy: 'manual', deletePolicy: 'ignore' };
  }
  return out;
}

/**
 * Children switched on without their customer (customers must be synced for children to link). Where the pair
 * cannot sync customers at all (an address book keeps contacts only, e.g. CRM → CardDAV), children go alone.
 */
export function childrenWithoutCustomer(flows: Flows, left?: Kind, right?: Kind): EntityName[] {
  if (flows.customer.direction !== 'off') return [];
  if (left && right && DIRECTIONS.every((d) => directionUnavailable('customer', d, left, right))) return [];
  return CHILDREN.filter((e) => flows[e].direction !== 'off');
}

/** What is wrong with the flows as chosen (the first problem), or null. */
export type FlowsProblem = 'flows.noEntity' | 'flows.needsCustomer' | 'flows.directionUnavailable' | 'flows.newerWinsUnavailable';
export function flowsProblem(flows: Flows, left: Kind | undefined, right: Kind | undefined): FlowsProblem | null {
  const on = ENTITIES.filter((e) => flows[e].direction !== 'off');
  if (on.length === 0) return 'flows.noEntity';
  if (childrenWithoutCustomer(flows, left, right).length) return 'flows.needsCustomer';
  for (const e of on) {
    const f = flows[e];
    if (f.direction !== 'off' && directionUnavailable(e, f.direction, left, right)) return 'flows.directionUnavailable';
    if (f.direction === 'both' && f.conflictPolicy === 'newer-wins' && newerWinsUnavailable(e, left, right)) return 'flows.newerWinsUnavailable';
  }
  return null;
}

/** The entity part of pipelines.create / pipelines.update. */
export interface FlowsSpec {
  entities: { entity: EntityName; direction: Direction }[];
  match: Partial<Record<EntityName, MatchKey>>;
  conflictPolicy: Partial<Record<EntityName, ConflictPolicy>>;
  deletePolicy: Partial<Record<EntityName, DeletePolicy>>;
}

export function flowsSpec(flows: Flows): FlowsSpec {
  const spec: FlowsSpec = { entities: [], match: {}, conflictPolicy: {}, deletePolicy: {} };
  for (const entity of ENTITIES) {
    const f = flows[entity];
    if (f.direction === 'off') continue;
    spec.entities.push({ entity, direction: f.direction });
    spec.match[entity] = f.match;
    spec.deletePolicy[entity] = f.deletePolicy;
    // A conflict needs changes on both sides: only two-way flows have a policy for it.
    if (f.direction === 'both') spec.conflictPolicy[entity] = f.conflictPolicy;
  }
  return spec;
}

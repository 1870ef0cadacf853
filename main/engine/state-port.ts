import type { EntityName } from '../../shared/entities.js';
import type { RunItemAction } from '../../shared/model.js';

export type Side = 'left' | 'right';
export const otherSide = (s: Side): Side => (s === 'left' ? 'right' : 'left');

export interface Link {
  entity: EntityName;
  leftId: string;
  rightId: string;
  leftHash: string | null;
  rightHash: string | null;
  leftVersion: string | null;
  rightVersion: string | null;
  syncedAt: string;
  /** Two-way flows: the record as both sides held it after the last sync (left's view), the base of a conflict. */
  base?: unknown;
}

/** What planning needs of a link: ids and hashes (a base only where one is given, as tests do). */
export type LinkKey = Pick<Link, 'leftId' | 'rightId' | 'leftHash' | 'rightHash'> & { base?: unknown };

export interface Intent {
  id: number;
  runId: string;
  entity: EntityName;
  targetSide: Side;
  op: 'create' | 'update' | 'delete';
  sourceId: string | null;
  targetId: string | null;
  stamp: string;
  naturalKey: string | null;
  sourceHash: string | null;
  targetHash: string | null;
}

export interface ItemInput {
  entity: EntityName;
  action: RunItemAction;
  targetSide: Side | null;
  leftId: string | null;
  rightId: string | null;
  reason: string | null;
  category: string | null;
  before: unknown;
  after: unknown;
}

/** What the engine needs from storage. The SQLite implementation lives in main/store; tests may use their own. */
export interface StatePort {
  links(entity: EntityName): Link[];
  /** Ids and hashes of the links, one at a time (what planning needs); consumed before another call on the state. */
  linkKeys(entity: EntityName): IterableIterator<LinkKey>;
  /** The stored bases of these links (by left id), for the few pairs in conflict. */
  basesOf(entity: EntityName, leftIds: readonly string[]): Map<string, unknown>;
  upsertLink(link: Link): void;
  removeLink(entity: EntityName, leftId: string): void;
  openIntents(): Intent[];
  addIntent(i: Omit<Intent, 'id'>): number;
  closeIntent(id: number): void;
  addItem(runId: string, item: ItemInput): void;
  /** Runs fn atomically: everything or nothing. */
  tx<T>(fn: () => T): T;
  /** The delta cursor of one side of an entity, committed only after the writes it covers. */
  cursor(entity: EntityName, side: Side): string | null;
  setCursor(entity: EntityName, side: Side, cursor: string): void;
  /** Decisions on conflicts waiting for this run, by left id (conflict inbox). */
  pendingResolutions(entity: EntityName): ReadonlyMap<string, PendingResolution>;
  /** Records the open conflicts found by a plan; with `complete`, the others of the entity are closed. */
  recordConflicts(entity: EntityName, open: OpenConflict[], complete: boolean): void;
  closeConflicts(ids: number[]): void;
}

export interface PendingResolution {
  id: number;
  rightId: string;
  resolution: 'left' | 'right' | 'merge';
  merged: Record<string, unknown> | null;
}

export interface OpenConflict {
  leftId: string;
  rightId: string;
  left: unknown;
  right: unknown;
  base: unknown;
  reason: string;
}

/** Builds run items for one entity flowing from `source`: ids are given as source/target and stored as left/right. */
export function itemMaker(entity: EntityName, source: Side) {
  const targetSide = otherSide(source);
  return (action: ItemInput['action'], sourceId: string | null, targetId: string | null, reason: string | null, o: { category?: string | null; before?: unknown; after?: unknown } = {}): ItemInput => ({
    entity,
    action,
    targetSide,
    ...(source === 'left' ? { leftId: sourceId, rightId: targetId } : { leftId: targetId, rightId: sourceId }),
    reason,
    category: o.category ?? null,
    before: o.before ?? null,
    after: o.after ?? null,
  });
}

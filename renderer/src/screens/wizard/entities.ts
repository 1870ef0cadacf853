import type { Direction, EntityName, MatchKey } from '../../../../shared/entities.js';
import type { ConflictPolicy, DeletePolicy } from '../../../../shared/model.js';

// Copies of small shared constants: the renderer imports only types from shared/ (zod stays out of the bundle).

/** Dependency order: parents before children (as shared/entities.ts entityOrder). */
export const ENTITIES = ['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'] as const satisfies readonly EntityName[];
/** Entities that reference their customer (shared/entities.ts parentOf). */
export const CHILDREN: readonly EntityName[] = ['contact', 'contract', 'device', 'ticket', 'invoice'];
export const DIRECTIONS = ['to-right', 'to-left', 'both'] as const satisfies readonly Direction[];
export const MATCH_KEYS = ['number', 'name', 'external-id'] as const satisfies readonly MatchKey[];
export const CONFLICT_POLICIES = ['manual', 'newer-wins', 'left-wins', 'right-wins'] as const satisfies readonly ConflictPolicy[];
export const DELETE_POLICIES = ['ignore', 'propagate', 'archive'] as const satisfies readonly DeletePolicy[];
/** The intervals the wizard offers (DESIGN.md: 5, 15, 30, 60 minutes). */
export const INTERVALS = [5, 15, 30, 60] as const;
/** Seed 000: devices of linked customers every 45 minutes. */
export const DEVICE_MINUTES = 45;

/** The ERP among the kinds (Kind has no role field; the backend's defaultSchedule decides the same way). */
const ERP_KIND = 'centron';
/** An ERP ↔ RMM pair: c-entron on one side, another system on the other. */
export const isErpRmmPair = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && (a === ERP_KIND) !== (b === ERP_KIND);
export const isErp = (kind: string | null | undefined): boolean => kind === ERP_KIND;

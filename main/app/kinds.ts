import type { EntityCapability, Kind } from '../../shared/contract.js';
import { entityOrder, type EntityName } from '../../shared/entities.js';
import type { EntityCapabilities } from '../connectors/types.js';
import type { AppContext } from './context.js';

/** What a capability probe needs of a connection: its kind and options (capabilities may depend on options). */
export interface ProbeConnection {
  kind: string;
  name?: string;
  url?: string;
  username?: string | null;
  options?: Record<string, string>;
}

const probeUrl = 'https://ferry.invalid/capabilities';

/**
 * The capabilities a connection of this kind and these options offers, per entity, from a throwaway connector
 * (no secrets, nothing is contacted). `null` when the connector cannot be made from this configuration.
 */
export function probeCapabilities(ctx: AppContext, c: ProbeConnection): Map<EntityName, EntityCapabilities> | null {
  const factory = ctx.factories.get(c.kind);
  if (!factory) return null;
  const make = (url: string) =>
    factory.create({ config: { id: 'probe', kind: c.kind, name: c.name ?? c.kind, url, username: c.username ?? null, options: c.options ?? {} }, secrets: {}, log: ctx.log });
  let connector;
  try {
    connector = make(c.url ?? probeUrl);
  } catch {
    // The URL does not matter for capabilities: retry with one every kind accepts before giving up.
    try {
      connector = make(probeUrl);
    } catch {
      return null;
    }
  }
  const out = new Map<EntityName, EntityCapabilities>();
  try {
    for (const e of entityOrder) {
      const port = connector.entity(e);
      if (port) out.set(e, port.capabilities);
    }
  } finally {
    void connector.close().catch(() => undefined);
  }
  return out;
}

const plural: Record<EntityName, string> = { customer: 'customers', contact: 'contacts', contract: 'contracts', device: 'devices', ticket: 'tickets', invoice: 'invoices' };

/** Per entity what a kind can do with its default options, with the connector's own note where it cannot. */
export function kindCapabilities(ctx: AppContext, kind: string, label: string, conn: ProbeConnection = { kind }): EntityCapability[] {
  const caps = probeCapabilities(ctx, conn);
  if (!caps) ctx.log.warn({ kind }, 'the capabilities of this kind could not be determined: its connector cannot be made with default options');
  return entityOrder.map((entity) => {
    if (!caps) return { entity, read: false, write: false, delete: false, modifiedAt: false, note: `Ferry could not determine what ${label} offers for ${plural[entity]} (see the log).` };
    const c = caps.get(entity);
    if (!c) return { entity, read: false, write: false, delete: false, modifiedAt: false, note: `${label} does not offer ${plural[entity]}: Ferry cannot sync ${plural[entity]} with it.` };
    return { entity, read: c.read, write: c.write, delete: c.delete, modifiedAt: c.modifiedAt === true, note: c.note ?? null };
  });
}

/** The connection kinds an admin can choose, with what each needs and can do. */
export function listKinds(ctx: AppContext): Kind[] {
  return [...ctx.factories.values()]
    .filter((f) => !f.hidden)
    .map((f) => ({ kind: f.kind, label: f.label, needs: f.needs, secretNames: [...f.secretNames], entities: kindCapabilities(ctx, f.kind, f.label), options: f.optionFields ?? [], users: f.users ?? null }));
}

/** Per entity what one connection can do, with its own options. */
export function connectionCapabilities(ctx: AppContext, c: { kind: string; name: string; url: string; username: string | null; options: Record<string, string>; lastTestDetails?: Record<string, unknown> | null }): EntityCapability[] {
  const factory = ctx.factories.get(c.kind);
  const label = factory?.label ?? c.kind;
  const caps = kindCapabilities(ctx, c.kind, label, c);
  // What the last successful test found on this server narrows what the kind offers.
  const missing = c.lastTestDetails && factory?.missingAfterTest ? factory.missingAfterTest(c.lastTestDetails) : {};
  return caps.map((cap) => (missing[cap.entity] ? { ...cap, read: false, write: false, delete: false, note: missing[cap.entity]! } : cap));
}

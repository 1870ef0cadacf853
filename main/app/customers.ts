import { z } from 'zod';
import type { CustomerChoice } from '../../shared/contract.js';
import type { Customer } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import type { Connector } from '../connectors/types.js';
import type { AppContext } from './context.js';
import { openConnector } from './open-connector.js';
import { mustGetPipeline } from './pipelines.js';

export const SearchCustomersInput = z.object({ pipeline: z.string().min(1), query: z.string().default(''), limit: z.number().int().min(1).max(200).default(50) });
export type SearchCustomersInput = z.input<typeof SearchCustomersInput>;

const label = (c: Customer | undefined, leftId: string): string => {
  if (!c) return `${leftId} (not found any more)`;
  return c.number ? `${c.name} (${c.number})` : c.name;
};

/**
 * The customers read for one pipeline, kept a minute for searches as the admin types: an empty query (the picker
 * opening) always reads the ERP again, so a new customer or a broken connection shows at once.
 */
const CACHE_MS = 60_000;
const cache = new WeakMap<AppContext, Map<string, { at: number; connectionModifiedAt: string; byId: Map<string, Customer> }>>();

/**
 * Customers a pipeline has linked, labelled with name and number from its left system (the ERP), for "sync one
 * customer". Filters case-insensitively on name and number (part of) and either side's id (whole); an id match
 * first, then by label.
 */
export async function searchCustomers(ctx: AppContext, raw: SearchCustomersInput, connectorOverride?: Connector): Promise<z.infer<typeof CustomerChoice>[]> {
  const input = SearchCustomersInput.parse(raw);
  const p = mustGetPipeline(ctx, input.pipeline);
  const links = ctx.store.db.prepare("SELECT left_id, right_id FROM links WHERE pipeline_id = ? AND entity = 'customer'").all(p.id) as { left_id: string; right_id: string }[];
  if (links.length === 0) return [];
  const left = ctx.store.connections.byId(p.leftId)!;
  if (!connectorOverride && !left.enabled) throw new FerryError('state', `Connection "${left.name}" is disabled.`, `Enable it (\`ferry connections enable ${left.name}\`) to list the customers of pipeline "${p.name}".`);
  const perCtx = cache.get(ctx) ?? new Map<string, { at: number; connectionModifiedAt: string; byId: Map<string, Customer> }>();
  cache.set(ctx, perCtx);
  const hit = connectorOverride || input.query.trim() === '' ? undefined : perCtx.get(p.id);
  const now = ctx.now().getTime();
  const byId = hit && now - hit.at < CACHE_MS && hit.connectionModifiedAt === left.modifiedAt ? hit.byId : await readCustomers();
  if (!connectorOverride) perCtx.set(p.id, { at: hit?.byId === byId ? hit.at : now, connectionModifiedAt: left.modifiedAt, byId });
  return pick(links, byId, input);

  async function readCustomers(): Promise<Map<string, Customer>> {
  const connector = connectorOverride ?? (await openConnector(ctx, left));
  const byId = new Map<string, Customer>();
  try {
    const port = connector.entity('customer');
    if (!port || !port.capabilities.read) {
      throw new FerryError('unsupported', `${left.name} (${left.kind}) does not offer customers to read.`, 'Choose a pipeline whose left connection is the system that keeps the customers (the ERP).');
    }
    for await (const page of port.read({})) for (const r of page.records) byId.set(r.id, r.data);
  } finally {
    if (!connectorOverride) await connector.close().catch(() => undefined);
  }
  return byId;
  }
}

function pick(links: { left_id: string; right_id: string }[], byId: Map<string, Customer>, input: z.infer<typeof SearchCustomersInput>): z.infer<typeof CustomerChoice>[] {
  const q = input.query.trim().toLowerCase();
  // Names and numbers match by substring; ids (opaque) only whole, and an id match comes first.
  const byIdMatch = (l: { left_id: string; right_id: string }) => q !== '' && (l.left_id.toLowerCase() === q || l.right_id.toLowerCase() === q);
  const matches = (l: { left_id: string; right_id: string }, c: Customer | undefined) => q === '' || byIdMatch(l) || [c?.name, c?.number].some((v) => typeof v === 'string' && v.toLowerCase().includes(q));
  return links
    .map((l) => ({ l, c: byId.get(l.left_id) }))
    .filter(({ l, c }) => matches(l, c))
    .map(({ l, c }) => ({ exact: byIdMatch(l), choice: { leftId: l.left_id, rightId: l.right_id, label: label(c, l.left_id) } }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.choice.label.localeCompare(b.choice.label))
    .map((x) => x.choice)
    .slice(0, input.limit);
}

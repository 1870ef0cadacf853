import { entityOrder, type EntityName } from '../../shared/entities.js';
import type { UniquenessReport } from '../../shared/contract.js';
import { toErrorBody } from '../../shared/errors.js';
import type { PipelineConfig } from '../../shared/model.js';
import type { Connector } from '../connectors/types.js';
import { matchValue } from '../engine/match.js';
import { readAll } from '../engine/run.js';
import type { AppContext } from './context.js';
import { openConnector } from './open-connector.js';
import { matchUsers } from './per-user.js';
import { mustGetPipeline } from './pipelines.js';

/**
 * The uniqueness check of a pipeline's match keys (seed 002: "ensure the mapping field is unique"): reads both
 * sides of every entity and lists the values that more than one record shares. Such records are never linked by
 * guess; the admin makes them unique first. A pipeline acting for each user is checked as its runs see the data:
 * each matched user's records on both sides (a service account's own address book plays no part).
 */
export async function checkPipeline(ctx: AppContext, name: string): Promise<UniquenessReport> {
  const p = mustGetPipeline(ctx, name);
  const conns = { left: ctx.store.connections.byId(p.leftId)!, right: ctx.store.connections.byId(p.rightId)! };
  const opened = { left: await openConnector(ctx, conns.left), right: await openConnector(ctx, conns.right) };
  const entities: UniquenessReport['entities'] = [];
  try {
    if (!p.config.actForUsers) entities.push(...(await checkSides(p.config, opened, null)));
    else {
      for (const pair of (await matchUsers(opened.left, opened.right)).pairs) {
        const forUser = { left: opened.left.forUser!(pair.left), right: opened.right.forUser!(pair.right) };
        try {
          entities.push(...(await checkSides(p.config, forUser, pair.email)));
        } catch (e) {
          const b = toErrorBody(e);
          // One user's failure (no address book) is that user's: its runs say so too; the others are checked.
          for (const entity of entityOrder.filter((x) => p.config.entities[x])) {
            entities.push({ entity, side: 'left', key: p.config.entities[entity]!.match, records: 0, duplicates: [], note: `for ${pair.email}: not checked: ${b.message} ${b.hint}` });
          }
        }
      }
    }
  } finally {
    await opened.left.close();
    await opened.right.close();
  }
  return { pipeline: p.name, unique: entities.every((e) => e.duplicates.length === 0), entities };
}

async function checkSides(config: PipelineConfig, opened: { left: Connector; right: Connector }, user: string | null): Promise<UniquenessReport['entities']> {
  const entities: UniquenessReport['entities'] = [];
  const forWhom = user ? `for ${user}` : null;
  for (const entity of entityOrder.filter((e) => config.entities[e])) {
    const flow = config.entities[entity]!;
    for (const side of ['left', 'right'] as const) {
      const port = opened[side].entity(entity as EntityName);
      if (!port?.capabilities.read) {
        entities.push({ entity, side, key: flow.match, records: 0, duplicates: [], note: `${forWhom ? `${forWhom}: ` : ''}the ${side} system cannot read ${entity} records` });
        continue;
      }
      const { records } = await readAll(port, {}, () => undefined);
      const active = flow.onlyActive !== false ? records.filter((r) => (r.data as { active?: boolean }).active !== false) : records;
      const groups = new Map<string, string[]>();
      for (const r of active) {
        const v = matchValue(r.data, flow.match, r.stamp);
        if (v !== null) groups.set(v, [...(groups.get(v) ?? []), r.id]);
      }
      const duplicates = [...groups].filter(([, ids]) => ids.length > 1).map(([value, ids]) => ({ value, ids }));
      entities.push({ entity, side, key: flow.match, records: active.length, duplicates, note: forWhom });
    }
  }
  return entities;
}

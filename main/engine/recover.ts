import type { EntityName } from '../../shared/entities.js';
import type { EntityPort } from '../connectors/types.js';
import { hashFields } from './hash.js';
import type { Side, StatePort } from './state-port.js';

/**
 * Resolves write intents left open by a crash, before anything is written again: a create whose record exists
 * (found by Ferry's stamp or the natural key) becomes a link; one that never reached the target is dropped and
 * planned again. Updates and deletes are idempotent and are simply planned again.
 * Throws when the target cannot be asked (then nothing may be written for this entity).
 */
export async function recoverIntents(
  state: StatePort,
  entity: EntityName,
  portFor: (side: Side) => EntityPort | undefined,
  runId: string,
  now: () => string,
): Promise<number> {
  let resolved = 0;
  for (const i of state.openIntents()) {
    if (i.entity !== entity) continue;
    if (i.op !== 'create' || !i.sourceId) {
      state.closeIntent(i.id);
      continue;
    }
    const port = portFor(i.targetSide);
    const found = port?.lookup ? await port.lookup({ stamp: i.stamp, natural: i.naturalKey }) : null;
    state.tx(() => {
      if (found && port) {
        // What Ferry wrote, not what is there now: an edit made since the crash must still count as a change.
        const th = i.targetHash ?? hashFields(found.data, port.fields as readonly string[]);
        const link =
          i.targetSide === 'right'
            ? { entity, leftId: i.sourceId!, rightId: found.id, leftHash: i.sourceHash, rightHash: th, leftVersion: null, rightVersion: found.version ?? null, syncedAt: now() }
            : { entity, leftId: found.id, rightId: i.sourceId!, leftHash: th, rightHash: i.sourceHash, leftVersion: found.version ?? null, rightVersion: null, syncedAt: now() };
        state.upsertLink(link);
        state.addItem(runId, {
          entity,
          action: 'created',
          targetSide: i.targetSide,
          leftId: link.leftId,
          rightId: link.rightId,
          reason: `recovered: created by run ${i.runId}, which ended before it could record it`,
          category: null,
          before: null,
          after: found.data,
        });
        resolved++;
      }
      state.closeIntent(i.id);
    });
  }
  return resolved;
}

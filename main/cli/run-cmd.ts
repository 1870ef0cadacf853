import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { executeRun } from '../app/runs.js';
import { entityNames, type EntityName } from '../../shared/entities.js';
import type { RunResult } from '../../shared/model.js';
import type { Counts, ProgressEvent } from '../../shared/progress.js';
import { findEngineHost } from '../service/client.js';
import { table } from './output.js';
import { withContext } from './with-context.js';

export function runJson(r: RunResult): Record<string, unknown> {
  return { run: r.run, pipeline: r.pipeline, mode: r.mode, status: r.status, entities: r.entities, durationMs: r.durationMs, ...(r.dryRun ? { dryRun: true, plan: r.plan ?? [] } : {}), ...(r.error ? { error: r.error } : {}) };
}

export function runHuman(r: RunResult): string {
  const keys: (keyof Counts)[] = ['created', 'updated', 'deleted', 'unchanged', 'skipped', 'conflicts', 'failed'];
  const rows = [['ENTITY', ...keys.map((k) => k.toUpperCase())], ...Object.entries(r.entities).map(([e, c]) => [e, ...keys.map((k) => String((c as Counts)[k]))])];
  const lines = [`run ${r.run} of ${r.pipeline} (${r.mode}${r.dryRun ? ', dry run: nothing written' : ''}): ${r.status} in ${r.durationMs ?? 0} ms`, table(rows)];
  if (r.error) lines.push(`error (${r.error.category}): ${r.error.message}`, `hint: ${r.error.hint}`);
  if (r.plan?.length) {
    lines.push('', 'plan:');
    for (const p of r.plan.slice(0, 200)) lines.push(`  ${p.action.padEnd(8)} ${p.entity.padEnd(8)} left=${p.leftId ?? '(new)'} right=${p.rightId ?? '(new)'}${p.reason ? `  ${p.reason}` : ''}${p.changes ? `  ${Object.entries(p.changes).map(([k, v]) => `${k}: ${JSON.stringify(v.old)} → ${JSON.stringify(v.new)}`).join(', ')}` : ''}`);
    if (r.plan.length > 200) lines.push(`  … and ${r.plan.length - 200} more (use --json for all)`);
  }
  if (r.status === 'partial' || r.status === 'failed') lines.push(`details: ferry runs show ${r.run}`);
  return lines.join('\n');
}

/** Progress bars per entity on a terminal; nothing with --json or when stderr is not a terminal. */
function progressBars(enabled: boolean): { emit: (e: ProgressEvent) => void; stop: () => void } {
  if (!enabled) return { emit: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar({ format: ' {entity} {phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false, stream: process.stderr }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    emit(e) {
      if (!e.entity) return;
      const key = e.entity;
      let bar = bars.get(key);
      if (!bar) {
        bar = multi.create(e.total ?? 0, 0, { entity: e.entity.padEnd(8), phase: e.phase });
        bars.set(key, bar);
      }
      if (e.total !== null) bar.setTotal(Math.max(e.total, e.processed));
      bar.update(e.processed, { phase: `${e.phase}${e.side ? ` ${e.side}` : ''}`.padEnd(11) });
    },
    stop: () => multi.stop(),
  };
}

export function registerRun(program: Command): void {
  program
    .command('run <pipeline>')
    .description('run a pipeline now')
    .option('--full', 'full run: re-read the target, repair drift, detect deletes')
    .option('--dry-run', 'plan only: show what would change, write nothing')
    .option('--customer <id>', 'only the children (e.g. devices) of this customer (its id in either system)')
    .option('--entity <entity>', 'only this entity (repeatable)', (v: string, p: string[] = []) => [...p, v], [] as string[])
    .option('--confirm-deletes', 'allow this run to delete more than the mass-delete guard allows')
    .action(async (pipeline: string, o: { full?: boolean; dryRun?: boolean; customer?: string; entity: string[]; confirmDeletes?: boolean }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const entities = o.entity.length ? (o.entity.filter((e) => (entityNames as readonly string[]).includes(e)) as EntityName[]) : null;
        if (entities && entities.length !== o.entity.length) {
          const { FerryError } = await import('../../shared/errors.js');
          throw new FerryError('input', `Unknown entity in --entity ${o.entity.join(', ')}.`, `Entities: ${entityNames.join(', ')}.`);
        }
        const input = {
          pipeline,
          mode: o.full ? ('full' as const) : ('delta' as const),
          dryRun: o.dryRun === true,
          ...(o.customer ? { customer: o.customer } : {}),
          entities,
          trigger: 'cli' as const,
          confirmDeletes: o.confirmDeletes === true,
        };
        const host = findEngineHost(ctx.store, ctx.dataDir);
        let result: RunResult;
        if (host) {
          out.info(`an engine host runs at ${host.url}: the run waits for the pipeline's turn there`);
          result = await host.call('runs.start', input);
        } else {
          const bars = progressBars(!out.json && process.stderr.isTTY === true);
          try {
            result = await executeRun(ctx, { ...input, waitMs: 6 * 3600_000 }, bars.emit);
          } finally {
            bars.stop();
          }
        }
        out.result(runJson(result), () => runHuman(result));
        if (result.status === 'failed' || result.status === 'partial') process.exitCode = 1;
      }),
    );
}

import type { Command } from 'commander';
import { runs } from '../app/runs.js';
import { undoRun } from '../app/undo.js';
import { table, when } from './output.js';
import { runHuman } from './run-cmd.js';
import { withContext } from './with-context.js';

export function registerRuns(program: Command): void {
  const cmd = program.command('runs').description('history of runs');
  cmd
    .command('list')
    .option('--pipeline <name>', 'only this pipeline')
    .option('--limit <n>', 'how many', '50')
    .action(async (o: { pipeline?: string; limit: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const list = runs.list(ctx, o.pipeline, Math.max(1, Math.min(1000, Number(o.limit) || 50)));
        out.result(list, () =>
          list.length
            ? table([['RUN', 'PIPELINE', 'STARTED', 'MODE', 'STATUS', 'TRIGGER'], ...list.map((r) => [r.run, r.pipeline, when(r.startedAt), r.dryRun ? `${r.mode} (dry)` : r.mode, r.status, r.trigger])])
            : 'no runs yet',
        );
      }),
    );
  cmd
    .command('undo <id>')
    .description('undo a run where safe (records unchanged since); pauses the pipeline so the next run does not redo it')
    .action(async (id: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = await undoRun(ctx, id);
        out.result(r, () =>
          [
            `undo of run ${r.run} (${r.pipeline}): ${r.undone.length} undone, ${r.notUndone.length} not undone`,
            ...r.undone.map((u) => `  undone   ${u.entity} ${u.side} ${u.id}: ${u.what}`),
            ...r.notUndone.map((u) => `  left     ${u.entity} ${u.side ?? ''} ${u.id ?? ''}: ${u.why}`),
            r.paused ? `pipeline ${r.pipeline} is paused now, or its next run would carry the same changes over again; fix the source, then \`ferry pipelines resume ${r.pipeline}\`` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }),
    );
  cmd
    .command('show <id>')
    .action(async (id: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = runs.show(ctx, id);
        out.result(r, () =>
          [runHuman(r), '', `items (${r.items.length}):`, ...r.items.map((i) => `  ${i.action.padEnd(8)} ${i.entity.padEnd(8)} left=${i.leftId ?? '—'} right=${i.rightId ?? '—'}${i.reason ? `  ${i.reason}` : ''}`)].join('\n'),
        );
      }),
    );
}

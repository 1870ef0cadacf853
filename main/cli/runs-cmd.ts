import type { Command } from 'commander';
import { runs } from '../app/runs.js';
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

import type { Command } from 'commander';
import { conflicts } from '../app/conflicts.js';
import { FerryError } from '../../shared/errors.js';
import type { ConflictView } from '../../shared/contract.js';
import { collect } from './parse.js';
import { table, when } from './output.js';
import { withContext } from './with-context.js';

const idOf = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new FerryError('input', `"${v}" is not a conflict id.`, 'Take the id from `ferry conflicts list`.');
  return n;
};

const human = (c: ConflictView) =>
  [
    `conflict ${c.id} — ${c.pipeline}, ${c.entity} left=${c.leftId} right=${c.rightId}${c.closedAt ? ` (closed ${when(c.closedAt)})` : c.resolution ? ` (decided: ${c.resolution}, applied by the next run)` : ''}`,
    `  ${c.reason}`,
    `  detected ${when(c.detectedAt)}, last seen ${when(c.updatedAt)}`,
    table([['FIELD', 'BASE', 'LEFT', 'RIGHT'], ...c.differing.map((f) => [f, c.base ? JSON.stringify(c.base[f] ?? null) : '?', JSON.stringify(c.left?.[f] ?? null), JSON.stringify(c.right?.[f] ?? null)])]),
    c.closedAt || c.resolution ? '' : `resolve: ferry conflicts resolve ${c.id} --take left|right, or --take merge --field <name>=left|right …`,
  ]
    .filter(Boolean)
    .join('\n');

export function registerConflicts(program: Command): void {
  const cmd = program.command('conflicts').description('the conflict inbox: records changed on both sides (manual policy)');
  cmd
    .command('list')
    .option('--pipeline <name>', 'only this pipeline')
    .option('--all', 'include closed ones')
    .action(async (o: { pipeline?: string; all?: boolean }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const list = conflicts.list(ctx, o.pipeline, o.all === true);
        out.result(list, () =>
          list.length
            ? table([['ID', 'PIPELINE', 'ENTITY', 'LEFT', 'RIGHT', 'FIELDS', 'STATE'], ...list.map((x) => [String(x.id), x.pipeline, x.entity, x.leftId, x.rightId, x.differing.join(','), x.closedAt ? 'closed' : x.resolution ? `decided: ${x.resolution}` : 'open'])])
            : 'no open conflicts',
        );
      }),
    );
  cmd
    .command('show <id>')
    .action(async (id: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const x = conflicts.show(ctx, idOf(id));
        out.result(x, () => human(x));
      }),
    );
  cmd
    .command('resolve <id>')
    .description('decide a conflict; the next run of its pipeline writes the decision to both sides')
    .requiredOption('--take <side>', 'left | right | merge')
    .option('--field <name=side>', 'with --take merge: which side a field comes from (repeatable)', collect, [])
    .action(async (id: string, o: { take: string; field: string[] }, c: Command) =>
      withContext(c, async (ctx, out) => {
        if (!['left', 'right', 'merge'].includes(o.take)) throw new FerryError('input', `Bad --take "${o.take}".`, 'Use left, right or merge.');
        const fields: Record<string, 'left' | 'right'> = {};
        for (const f of o.field) {
          const [k, v] = f.split('=');
          if (!k || (v !== 'left' && v !== 'right')) throw new FerryError('input', `Bad --field "${f}".`, 'Write --field <name>=left|right.');
          fields[k] = v;
        }
        const x = conflicts.resolve(ctx, { id: idOf(id), take: o.take as 'left' | 'right' | 'merge', fields });
        out.result(x, () => `conflict ${x.id} decided (${x.resolution}); the next run of ${x.pipeline} writes it: ferry run ${x.pipeline}`);
      }),
    );
}

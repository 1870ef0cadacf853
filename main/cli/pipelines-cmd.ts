import type { Command } from 'commander';
import { checkPipeline } from '../app/check.js';
import { pipelineUsers } from '../app/per-user.js';
import { pipelines } from '../app/pipelines.js';
import type { Pipeline } from '../../shared/model.js';
import { collect, parseConflictPolicy, parseDeleteGuard, parseDeletePolicy, parseMapping, parseEntityEvery, parseEntityFlow, parseMatch, parseMinutes, parseTimeOfDay, parseTimeZone } from './parse.js';
import { table, when } from './output.js';
import { withContext } from './with-context.js';

const arrow = { 'to-right': '→', 'to-left': '←', both: '↔' } as const;

const human = (p: Pipeline) =>
  [
    `${p.name}: ${p.left.name} (${p.left.kind}) ⇄ ${p.right.name} (${p.right.kind})${p.paused ? '  [paused]' : ''}`,
    ...Object.entries(p.config.entities).map(([e, f]) => `  ${e.padEnd(9)} ${arrow[f.direction]}  match by ${f.match}, deletes: ${f.deletePolicy}${f.direction === 'both' ? `, conflicts: ${f.conflictPolicy}` : ''}${f.mapping ? `, ${Object.entries(f.mapping).map(([k, t]) => `${k} = "${t}"`).join(', ')}` : ''}`),
    `  schedule: ${p.config.schedule.everyMinutes ? `every ${p.config.schedule.everyMinutes} min` : 'no interval'}${p.config.schedule.fullAt ? `, full sync daily at ${p.config.schedule.fullAt}` : ''}${Object.entries(p.config.schedule.entityEvery)
      .map(([e, m]) => `, ${e} every ${m} min`)
      .join('')} (${p.config.schedule.timeZone})`,
    `  delete guard: stop above ${p.config.deleteGuard.percent} % of linked records or ${p.config.deleteGuard.max}`,
    `  activated: ${when(p.activatedAt)}`,
  ].join('\n');

export function registerPipelines(program: Command): void {
  const cmd = program.command('pipelines').description('what flows where, and when');

  cmd
    .command('add')
    .description('add a pipeline between two connections')
    .requiredOption('--name <name>', 'a name for this pipeline')
    .requiredOption('--left <connection>', 'left connection (e.g. the ERP)')
    .requiredOption('--right <connection>', 'right connection (e.g. the RMM)')
    .option('--entity <entity:direction>', 'e.g. customer:to-right, device:to-left (repeatable)', collect, [])
    .option('--match <entity=key>', 'first-link key: number | name | external-id (repeatable)', collect, [])
    .option('--delete <entity=policy>', 'delete policy: propagate | ignore | archive (default ignore; repeatable)', collect, [])
    .option('--conflict <entity=policy>', 'for both-way entities: manual (default) | left-wins | right-wins | newer-wins (repeatable)', collect, [])
    .option('--map <entity.field=template>', 'one-way: a field from a template, e.g. "customer.name={number} - {name|trim}" (repeatable)', collect, [])
    .option('--delete-guard <percent,max>', 'stop a run that would delete more than percent % of the linked records or more than max (default 10,50)')
    .option('--every <minutes>', 'sync interval, elapsed minutes from activation (5–1440), e.g. 60m')
    .option('--full-at <HH:MM>', 'daily full sync at this wall-clock time')
    .option('--entity-every <entity=minutes>', 'an entity\'s own interval, e.g. device=45m (repeatable)', collect, [])
    .option('--time-zone <zone>', 'IANA time zone of the schedule (default: this server\'s)')
    .option('--paused', 'create it paused')
    .option('--act-for-users', 'act for each user: users matched by primary e-mail, each user\'s records on their behalf')
    .action(
      async (
        o: { name: string; left: string; right: string; entity: string[]; match: string[]; delete: string[]; conflict: string[]; map: string[]; deleteGuard?: string; every?: string; fullAt?: string; entityEvery: string[]; timeZone?: string; paused?: boolean; actForUsers?: boolean },
        c: Command,
      ) =>
        withContext(c, async (ctx, out) => {
          const input = {
            name: o.name,
            left: o.left,
            right: o.right,
            entities: o.entity.map(parseEntityFlow),
            match: parseMatch(o.match),
            deletePolicy: parseDeletePolicy(o.delete),
            conflictPolicy: parseConflictPolicy(o.conflict),
            mapping: parseMapping(o.map),
            ...(o.deleteGuard !== undefined ? { deleteGuard: parseDeleteGuard(o.deleteGuard) } : {}),
            ...(o.every !== undefined ? { everyMinutes: parseMinutes(o.every, '--every') } : {}),
            ...(o.fullAt !== undefined ? { fullAt: parseTimeOfDay(o.fullAt) } : {}),
            ...(o.entityEvery.length ? { entityEvery: parseEntityEvery(o.entityEvery) } : {}),
            ...(o.timeZone !== undefined ? { timeZone: parseTimeZone(o.timeZone) } : {}),
            paused: o.paused === true,
            ...(o.actForUsers ? { actForUsers: true } : {}),
          };
          const p = pipelines.create(ctx, input);
          out.result(p, () => `added pipeline ${p.name}\n${human(p)}\nnext: try it with \`ferry run ${p.name} --dry-run\``);
        }),
    );

  cmd
    .command('list')
    .action(async (_o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const list = pipelines.list(ctx);
        out.result(list, () =>
          list.length
            ? table([['NAME', 'LEFT', 'RIGHT', 'ENTITIES', 'STATE'], ...list.map((p) => [p.name, p.left.name, p.right.name, Object.entries(p.config.entities).map(([e, f]) => `${e}${arrow[f.direction]}`).join(' '), p.paused ? 'paused' : 'active'])])
            : 'no pipelines yet: add one with `ferry pipelines add`',
        );
      }),
    );

  cmd
    .command('show <name>')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const p = pipelines.show(ctx, name);
        out.result(p, () => human(p));
      }),
    );

  cmd
    .command('users <name>')
    .description('for a pipeline acting for each user: who is matched by e-mail, and who is not and why')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = await pipelineUsers(ctx, name);
        out.result(r, () =>
          [
            `${r.pipeline}: ${r.matched.length} user(s) matched`,
            ...r.matched.map((m) => `  ${m.email}: ${m.left} ↔ ${m.right}`),
            ...(r.unmatched.length ? [`not synced (${r.unmatched.length}):`, ...r.unmatched.map((u) => `  ${u.side}: ${u.user}${u.email ? ` <${u.email}>` : ''} — ${u.reason}`)] : []),
          ].join('\n'),
        );
      }),
    );

  cmd
    .command('check <name>')
    .description('list records that share a match key on either side (they are never linked by guess); exit 1 when any')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = await checkPipeline(ctx, name);
        out.result(r, () =>
          [
            r.unique ? `${r.pipeline}: every match key is unique` : `${r.pipeline}: duplicates found — make them unique before the first sync links them`,
            ...r.entities.flatMap((e) => [
              `  ${e.entity} on the ${e.side} (by ${e.key}): ${e.note ?? `${e.records} records, ${e.duplicates.length} duplicate value(s)`}`,
              ...e.duplicates.slice(0, 50).map((d) => `    "${d.value}": ${d.ids.join(', ')}`),
            ]),
          ].join('\n'),
        );
        if (!r.unique) process.exitCode = 1;
      }),
    );

  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    cmd
      .command(`${verb} <name>`)
      .action(async (name: string, _o: unknown, c: Command) =>
        withContext(c, async (ctx, out) => {
          const p = pipelines.setPaused(ctx, name, paused);
          out.result(p, () => `pipeline ${p.name} ${paused ? 'paused' : 'resumed'}`);
        }),
      );
  }

  cmd
    .command('remove <name>')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = pipelines.remove(ctx, name);
        out.result(r, () => `removed pipeline ${r.removed}`);
      }),
    );
}

import type { Command } from 'commander';
import { connections } from '../app/connections.js';
import type { Connection, PreflightCheck, TestResult } from '../../shared/model.js';
import { collect, parseOptions, readStdinSecret } from './parse.js';
import { table, when } from './output.js';
import { withContext } from './with-context.js';

const human = (c: Connection) =>
  [
    `${c.name} (${c.kind})  ${c.health}`,
    `  url:       ${c.url}`,
    `  user:      ${c.username ?? '—'}`,
    `  secret:    ${c.secret}`,
    `  options:   ${Object.entries(c.options).map(([k, v]) => `${k}=${v}`).join(' ') || '—'}`,
    `  created:   ${when(c.createdAt)}   modified: ${when(c.modifiedAt)}`,
    `  last test: ${c.lastTest ? `${c.lastTest.category} at ${when(c.lastTest.at)} — ${c.lastTest.message}` : 'never'}`,
    `  used:      ${c.firstUsedAt ? `since ${when(c.firstUsedAt)} (cannot be deleted; disable instead)` : 'not yet'}`,
  ].join('\n');

const testHuman = (t: TestResult) =>
  [`${t.category === 'ok' ? 'OK' : `FAILED (${t.category})`}: ${t.message}`, t.category === 'ok' ? '' : `hint: ${t.hint}`, ...Object.entries(t.details ?? {}).map(([k, v]) => `  ${k}: ${v}`)].filter(Boolean).join('\n');

const checkHuman = (cs: PreflightCheck[]) => cs.map((c) => `[${c.status.toUpperCase()}] ${c.title}: ${c.message}${c.status === 'pass' ? '' : `\n       fix: ${c.hint}`}`).join('\n');

export function registerConnections(program: Command): void {
  const cmd = program.command('connections').description('systems Ferry connects to');

  cmd
    .command('add')
    .description('add a connection (the secret is read from standard input with --secret-stdin)')
    .requiredOption('--kind <kind>', 'centron | zabbix')
    .requiredOption('--name <name>', 'a name for this connection')
    .requiredOption('--url <url>', 'base URL of the system')
    .option('--username <user>', 'account Ferry logs in with')
    .option('--secret-stdin', 'read the password or API key from standard input')
    .option('--option <key=value>', 'a kind-specific option (repeatable)', collect, [])
    .action(async (o: { kind: string; name: string; url: string; username?: string; secretStdin?: boolean; option: string[] }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const options = parseOptions(o.option);
        const secret = o.secretStdin ? await readStdinSecret() : undefined;
        const created = await connections.create(ctx, { kind: o.kind, name: o.name, url: o.url, username: o.username ?? null, options, ...(secret ? { secret } : {}) });
        out.result(created, () => `added connection ${created.name}\n${human(created)}${created.secret === 'set' ? '' : `\nnext: set its secret with \`ferry connections set-secret ${created.name} --secret-stdin\``}`);
      }),
    );

  cmd
    .command('list')
    .description('all connections with their health')
    .action(async (_o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const list = await connections.list(ctx);
        out.result(list, () => (list.length ? table([['NAME', 'KIND', 'HEALTH', 'URL', 'LAST TEST'], ...list.map((x) => [x.name, x.kind, x.health, x.url, x.lastTest ? `${x.lastTest.category} ${when(x.lastTest.at)}` : 'never'])]) : 'no connections yet: add one with `ferry connections add`'));
      }),
    );

  cmd
    .command('show <name>')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const x = await connections.show(ctx, name);
        out.result(x, () => human(x));
      }),
    );

  cmd
    .command('test <name>')
    .description('test the connection account, or acting for one user with --user')
    .option('--user <email>', 'test acting for this target user')
    .action(async (name: string, o: { user?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const t = await connections.test(ctx, name, o.user);
        out.result(t, () => testHuman(t));
        if (t.category !== 'ok') process.exitCode = 1;
      }),
    );

  cmd
    .command('preflight <name>')
    .description('check the prerequisites on that system')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const checks = await connections.preflight(ctx, name);
        out.result(checks, () => checkHuman(checks));
        if (checks.some((x) => x.status === 'fail')) process.exitCode = 1;
      }),
    );

  cmd
    .command('set-secret <name>')
    .description('store or update the password / API key in the OS keychain')
    .requiredOption('--secret-stdin', 'read the secret from standard input')
    .option('--secret-name <name>', 'which secret, where a kind has several')
    .action(async (name: string, o: { secretName?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const secret = await readStdinSecret();
        const x = await connections.setSecret(ctx, name, secret, o.secretName);
        out.result(x, () => `secret of ${x.name} updated (stored in the OS keychain); test it with \`ferry connections test ${x.name}\``);
      }),
    );

  for (const [verb, enabled] of [['disable', false], ['enable', true]] as const) {
    cmd
      .command(`${verb} <name>`)
      .action(async (name: string, _o: unknown, c: Command) =>
        withContext(c, async (ctx, out) => {
          const x = await connections.setEnabled(ctx, name, enabled);
          out.result(x, () => `connection ${x.name} ${verb}d`);
        }),
      );
  }

  cmd
    .command('remove <name>')
    .description('delete a connection that has never been used to sync')
    .action(async (name: string, _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = await connections.remove(ctx, name);
        out.result(r, () => `removed connection ${r.removed}`);
      }),
    );
}

import type { Command } from 'commander';
import { getStatus } from '../app/status.js';
import { when } from './output.js';
import { withContext } from './with-context.js';

/** Exit code 3 when something needs attention, so an RMM can monitor Ferry. */
export const ATTENTION_EXIT = 3;

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('per pipeline: last run, next runs, connection health (exit 3 when something needs attention)')
    .action(async (_o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const s = await getStatus(ctx);
        out.result(s, () => {
          const lines: string[] = [s.needsAttention ? 'ATTENTION: something needs a look' : 'all well'];
          for (const p of s.pipelines) {
            lines.push('', `${p.pipeline}${p.paused ? ' [paused]' : ''}`);
            lines.push(`  last run: ${p.lastRun ? `${p.lastRun.status} at ${when(p.lastRun.startedAt)} (${Object.entries(p.lastRun.entities).map(([e, c]) => `${e}: +${c.created} ~${c.updated} -${c.deleted} !${c.failed}`).join(', ')})` : 'never'}`);
            lines.push(`  next:     ${p.nextRuns.slice(0, 3).map((n) => `${when(n.at)} ${n.mode}${n.entities ? ` (${n.entities.join(',')})` : ''}`).join('; ') || (p.paused ? 'paused' : '—')}`);
            lines.push(`  connections: ${p.connections.map((c) => `${c.name} ${c.health}`).join(', ')}`);
            for (const u of p.users ?? []) {
              const r = u.lastRun;
              lines.push(`  user ${u.email}: ${r ? `${r.status} at ${when(r.startedAt)} (${Object.entries(r.entities).map(([e, c]) => `${e}: +${c.created} ~${c.updated} -${c.deleted} !${c.failed}`).join(', ')})${r.error ? ` — ${r.error.message}` : ''}` : 'never'}`);
            }
            for (const pr of p.problems) lines.push(`  ! ${pr}`);
          }
          if (s.pipelines.length === 0) lines.push('no pipelines yet');
          return lines.join('\n');
        });
        if (s.needsAttention) process.exitCode = ATTENTION_EXIT;
      }),
    );
}

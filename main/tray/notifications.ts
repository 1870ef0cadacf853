// Which native notifications to show, decided from successive app states. Pure: it remembers only what it has
// already announced, so each cause is announced once until it changes.
import type { StatusReport } from '../../shared/contract.js';
import type { Translate } from './strings.js';

export interface GateInput {
  status: StatusReport;
  /** Open (undecided) conflicts per pipeline id. */
  openConflicts: Readonly<Record<string, number>>;
}

export interface TrayNotification {
  /** Identifies the cause (e.g. `run:<run id>`): the same key is never shown twice in a row. */
  key: string;
  cause: 'run-failed' | 'conflicts' | 'connection';
  title: string;
  body: string;
  /** The pipeline or connection the notification is about. */
  subject: string;
}

type Health = StatusReport['connections'][number]['health'];
const badHealth = (h: Health): h is 'error' | 'needs-credentials' => h === 'error' || h === 'needs-credentials';

/**
 * At most one notification per cause until that cause changes:
 * - a run failed (or partly failed): once per run id — a later failed run notifies again;
 * - conflicts need a decision: when a pipeline's open conflicts rise above what was last announced (0 → 2 notifies,
 *   2 → 2 does not, 2 → 3 does; when they fall, the mark falls with them, so 3 → 1 → 2 notifies again);
 * - a connection broke: when its health turns `error` or `needs-credentials` (ok → error once; error → ok → error
 *   again; error → needs-credentials is a new cause).
 * What is already wrong at the first state is announced once, like any other change.
 */
export class NotificationGate {
  private readonly announcedRun = new Map<string, string>();
  private readonly conflictMark = new Map<string, number>();
  private readonly connectionHealth = new Map<string, Health>();

  next(input: GateInput, t: Translate): TrayNotification[] {
    const out: TrayNotification[] = [];
    const pipelineIds = new Set<string>();
    for (const p of input.status.pipelines) {
      pipelineIds.add(p.id);
      const run = p.lastRun;
      if (run && (run.status === 'failed' || run.status === 'partial') && this.announcedRun.get(p.id) !== run.run) {
        this.announcedRun.set(p.id, run.run);
        if (run.status === 'failed') {
          const message = run.error ? `${run.error.message}` : '';
          out.push({ key: `run:${run.run}`, cause: 'run-failed', subject: p.pipeline, title: t('notify.runFailed.title', { pipeline: p.pipeline }), body: t('notify.runFailed.body', { message }).trim() });
        } else {
          const failed = Object.values(run.entities).reduce((n, c) => n + (c?.failed ?? 0), 0);
          const body = failed === 1 ? t('notify.runPartial.body.one') : t('notify.runPartial.body.other', { count: failed });
          out.push({ key: `run:${run.run}`, cause: 'run-failed', subject: p.pipeline, title: t('notify.runPartial.title', { pipeline: p.pipeline }), body });
        }
      }
      const open = input.openConflicts[p.id] ?? 0;
      const mark = this.conflictMark.get(p.id) ?? 0;
      if (open > mark) {
        out.push({
          key: `conflicts:${p.id}:${open}`,
          cause: 'conflicts',
          subject: p.pipeline,
          title: t('notify.conflicts.title', { pipeline: p.pipeline }),
          body: open === 1 ? t('notify.conflicts.body.one') : t('notify.conflicts.body.other', { count: open }),
        });
      }
      this.conflictMark.set(p.id, open);
    }
    for (const id of [...this.conflictMark.keys()]) if (!pipelineIds.has(id)) this.conflictMark.delete(id);
    for (const id of [...this.announcedRun.keys()]) if (!pipelineIds.has(id)) this.announcedRun.delete(id);

    const names = new Set<string>();
    for (const c of input.status.connections) {
      names.add(c.name);
      const before = this.connectionHealth.get(c.name);
      this.connectionHealth.set(c.name, c.health);
      if (!badHealth(c.health) || before === c.health) continue;
      const credentials = c.health === 'needs-credentials';
      out.push({
        key: `connection:${c.name}:${c.health}`,
        cause: 'connection',
        subject: c.name,
        title: t(credentials ? 'notify.connectionCredentials.title' : 'notify.connectionError.title', { name: c.name }),
        body: t(credentials ? 'notify.connectionCredentials.body' : 'notify.connectionError.body', { name: c.name }),
      });
    }
    for (const n of [...this.connectionHealth.keys()]) if (!names.has(n)) this.connectionHealth.delete(n);
    return out;
  }
}

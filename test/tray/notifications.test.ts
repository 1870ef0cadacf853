import { describe, expect, it } from 'vitest';
import { NotificationGate } from '../../main/tray/notifications.js';
import { translator } from '../../main/tray/strings.js';
import type { StatusReport } from '../../shared/contract.js';
import { failedCounts, pipeline, run, status } from './fixtures.js';

const en = translator('en');
const de = translator('de');
type Health = StatusReport['connections'][number]['health'];

/** Feeds the gate a sequence of states; returns the keys it announced at each step. */
function feed(steps: { status: StatusReport; openConflicts?: Record<string, number> }[]): string[][] {
  const gate = new NotificationGate();
  return steps.map((s) => gate.next({ status: s.status, openConflicts: s.openConflicts ?? {} }, en).map((n) => n.key));
}

const failedRun = (id: string) => run({ run: id, status: 'failed', error: { category: 'unreachable', message: 'System not available.', hint: 'Check the URL.' } });
const withRun = (r: ReturnType<typeof run> | null) => status([pipeline('P', { pipeline: 'erp → rmm', lastRun: r })]);
const withConnection = (health: Health) => status([], [{ name: 'erp', health }]);

describe('the notification gate', () => {
  it('announces a failed run once per run id, and a new failed run again', () => {
    expect(feed([{ status: withRun(failedRun('r1')) }, { status: withRun(failedRun('r1')) }, { status: withRun(failedRun('r2')) }, { status: withRun(failedRun('r2')) }])).toEqual([
      ['run:r1'],
      [],
      ['run:r2'],
      [],
    ]);
  });

  it('stays quiet for good runs, and announces a failure after a success', () => {
    expect(feed([{ status: withRun(null) }, { status: withRun(run({ run: 'r1' })) }, { status: withRun(failedRun('r2')) }, { status: withRun(run({ run: 'r3' })) }])).toEqual([[], [], ['run:r2'], []]);
  });

  it('says what failed: the pipeline, the error; for a partial run how many records', () => {
    const gate = new NotificationGate();
    const [failed] = gate.next({ status: withRun(failedRun('r1')), openConflicts: {} }, en);
    expect(failed).toMatchObject({ cause: 'run-failed', subject: 'erp → rmm', title: 'Sync failed: erp → rmm', body: 'System not available. Open Ferry for details.' });
    const [partial] = gate.next({ status: withRun(run({ run: 'r2', status: 'partial', entities: { customer: failedCounts(2), device: failedCounts(1) } })), openConflicts: {} }, de);
    expect(partial).toMatchObject({ title: 'Synchronisierung teilweise fehlgeschlagen: erp → rmm', body: '3 Datensätze konnten nicht synchronisiert werden. Details in Ferry.' });
  });

  it('announces conflicts when more appear than were announced, not while they wait', () => {
    const s = withRun(null);
    const steps = [0, 2, 2, 3, 1, 1, 2, 0, 1].map((n) => ({ status: s, openConflicts: { P: n } }));
    expect(feed(steps)).toEqual([[], ['conflicts:P:2'], [], ['conflicts:P:3'], [], [], ['conflicts:P:2'], [], ['conflicts:P:1']]);
  });

  it('names the pipeline and the count of conflicts, in German too', () => {
    const [n] = new NotificationGate().next({ status: withRun(null), openConflicts: { P: 1 } }, de);
    expect(n).toMatchObject({ cause: 'conflicts', title: 'Konflikte brauchen eine Entscheidung: erp → rmm', body: '1 Datensatz wurde auf beiden Seiten geändert. Entscheiden Sie im Konflikt-Eingang.' });
  });

  it('announces a connection breaking once; again after it recovered and broke again; a different problem is new', () => {
    const healths: Health[] = ['ok', 'error', 'error', 'ok', 'error', 'needs-credentials', 'needs-credentials', 'disabled', 'untested', 'error'];
    expect(feed(healths.map((h) => ({ status: withConnection(h) })))).toEqual([
      [],
      ['connection:erp:error'],
      [],
      [],
      ['connection:erp:error'],
      ['connection:erp:needs-credentials'],
      [],
      [],
      [],
      ['connection:erp:error'],
    ]);
  });

  it('announces what is already wrong at the first state once, each cause on its own', () => {
    const s = status([pipeline('P', { pipeline: 'p', lastRun: failedRun('r1') }), pipeline('Q', { pipeline: 'q' })], [
      { name: 'erp', health: 'needs-credentials' },
      { name: 'rmm', health: 'ok' },
    ]);
    const gate = new NotificationGate();
    const first = gate.next({ status: s, openConflicts: { Q: 1 } }, en);
    expect(first.map((n) => n.cause)).toEqual(['run-failed', 'conflicts', 'connection']);
    expect(first.find((n) => n.cause === 'connection')).toMatchObject({ title: 'Connection needs credentials: erp' });
    expect(gate.next({ status: s, openConflicts: { Q: 1 } }, en)).toEqual([]);
  });

  it('forgets removed pipelines and connections: a new one with the same id or name starts afresh', () => {
    const gate = new NotificationGate();
    const next = (s: StatusReport) => gate.next({ status: s, openConflicts: {} }, en).map((n) => n.key);
    expect(next(status([pipeline('P', { lastRun: failedRun('r1') })], [{ name: 'erp', health: 'error' }]))).toEqual(['run:r1', 'connection:erp:error']);
    expect(next(status([]))).toEqual([]);
    expect(next(status([pipeline('P', { lastRun: failedRun('r1') })], [{ name: 'erp', health: 'error' }]))).toEqual(['run:r1', 'connection:erp:error']);
  });
});

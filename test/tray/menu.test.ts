import { describe, expect, it } from 'vitest';
import { buildTrayMenu, toMenuTemplate, trayIconState, trayTitle, type TrayAction, type TrayMenuItem } from '../../main/tray/menu.js';
import { translator } from '../../main/tray/strings.js';
import { failedCounts, minutesAgo, pipeline, run, status, trayState } from './fixtures.js';

const en = translator('en');
const de = translator('de');

/** The menu as readable lines: "label [disabled] -> action", submenus indented. */
function lines(items: TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((i) => {
    if (i.type === 'separator') return [`${indent}---`];
    if (i.type === 'submenu') return [`${indent}${i.label} >`, ...lines(i.submenu, `${indent}  `)];
    return [`${indent}${i.label}${i.enabled ? '' : ' [disabled]'}${i.action ? ` -> ${JSON.stringify(i.action)}` : ''}`];
  });
}

const find = (items: TrayMenuItem[], id: string): TrayMenuItem | undefined => {
  for (const i of items) {
    if (i.id === id) return i;
    if (i.type === 'submenu') {
      const hit = find(i.submenu, id);
      if (hit) return hit;
    }
  }
  return undefined;
};

describe('the tray menu', () => {
  it('with no pipeline: nothing to sync or pause, but the window, the logs and quit', () => {
    expect(lines(buildTrayMenu(trayState(status([])), en))).toEqual([
      'Ferry: all in sync [disabled]',
      '---',
      'Sync all now [disabled] -> {"kind":"sync-all"}',
      'No pipelines yet [disabled]',
      '---',
      'Pause all [disabled] -> {"kind":"pause-all"}',
      '---',
      'Open Ferry -> {"kind":"open"}',
      'Open log folder -> {"kind":"open-logs"}',
      '---',
      'Quit -> {"kind":"quit"}',
    ]);
  });

  it('with one pipeline: its submenu syncs it by name and shows its last result', () => {
    const s = status([pipeline('P1', { pipeline: 'erp → rmm', lastRun: run({ run: 'r1', status: 'ok', finishedAt: minutesAgo(5) }) })]);
    expect(lines(buildTrayMenu(trayState(s), en))).toEqual([
      'Ferry: all in sync [disabled]',
      '---',
      'Sync all now -> {"kind":"sync-all"}',
      'erp → rmm >',
      '  Sync now -> {"kind":"sync","pipeline":"erp → rmm"}',
      '  Last: ok, 5 min ago [disabled]',
      '---',
      'Pause all -> {"kind":"pause-all"}',
      '---',
      'Open Ferry -> {"kind":"open"}',
      'Open log folder -> {"kind":"open-logs"}',
      '---',
      'Quit -> {"kind":"quit"}',
    ]);
  });

  it('with three pipelines: one entry each, last results ok / failed / never, in the order of the status', () => {
    const s = status([
      pipeline('A', { pipeline: 'a', lastRun: run({ run: 'ra', status: 'ok', finishedAt: minutesAgo(0.5) }) }),
      pipeline('B', { pipeline: 'b', lastRun: run({ run: 'rb', status: 'failed', finishedAt: minutesAgo(125) }) }),
      pipeline('C', { pipeline: 'c' }),
    ]);
    const menu = buildTrayMenu(trayState(s), en);
    const subs = menu.filter((i) => i.type === 'submenu');
    expect(subs.map((i) => i.label)).toEqual(['a', 'b', 'c']);
    expect(subs.map((i) => (i.type === 'submenu' ? i.submenu[1]! : null)).map((i) => (i?.type === 'normal' ? [i.label, i.enabled] : null))).toEqual([
      ['Last: ok, just now', false],
      ['Last: failed, 2 h ago', false],
      ['Last: never', false],
    ]);
    // A failed last run makes the whole tray ask for attention.
    expect(trayTitle(trayState(s), en)).toBe('Ferry: needs attention');
  });

  it('shows "Pause all" while pipelines run on schedule, "Resume all" when all are paused, both when mixed', () => {
    const ids = (paused: boolean[]) => buildTrayMenu(trayState(status(paused.map((p, i) => pipeline(`P${i}`, { paused: p })))), en).map((i) => i.id);
    expect(ids([false, false])).toContain('pause-all');
    expect(ids([false, false])).not.toContain('resume-all');
    expect(ids([true, true])).toContain('resume-all');
    expect(ids([true, true])).not.toContain('pause-all');
    expect(ids([true, false])).toEqual(expect.arrayContaining(['pause-all', 'resume-all']));
  });

  it('"Sync all now" skips paused and running pipelines and is off when none is left; a paused one can still be synced by hand', () => {
    const s = status([pipeline('A', { paused: true }), pipeline('B')]);
    const menu = buildTrayMenu(trayState(s), en);
    expect(find(menu, 'sync-all')).toMatchObject({ enabled: true });
    expect(find(menu, 'pipeline:A')).toMatchObject({ label: 'name-A (paused)' });
    expect(find(menu, 'pipeline:A:sync')).toMatchObject({ enabled: true, action: { kind: 'sync', pipeline: 'name-A' } });

    const running = buildTrayMenu(trayState(s, { running: ['B'] }), en);
    expect(find(running, 'sync-all')).toMatchObject({ enabled: false });
    expect(find(running, 'pipeline:B')).toMatchObject({ label: 'name-B (syncing…)' });
    expect(find(running, 'pipeline:B:sync')).toMatchObject({ label: 'Syncing…', enabled: false, action: null });
  });

  it('lists undecided conflicts in the pipeline\'s submenu; the line opens the window', () => {
    const s = status([pipeline('A'), pipeline('B')]);
    const menu = buildTrayMenu(trayState(s, { openConflicts: { A: 1, B: 4 } }), en);
    expect(find(menu, 'pipeline:A:conflicts')).toMatchObject({ label: '1 conflict needs a decision…', enabled: true, action: { kind: 'open' } });
    expect(find(menu, 'pipeline:B:conflicts')).toMatchObject({ label: '4 conflicts need a decision…' });
    expect(find(buildTrayMenu(trayState(s), en), 'pipeline:A:conflicts')).toBeUndefined();
  });

  it('says so while the first status is not there, and when the engine cannot be reached', () => {
    expect(lines(buildTrayMenu(trayState(null), en)).slice(0, 3)).toEqual(['Ferry: starting… [disabled]', '---', 'Sync all now [disabled] -> {"kind":"sync-all"}']);
    expect(trayTitle(trayState(null, { error: 'connection refused' }), en)).toBe('Ferry: engine not reachable (connection refused)');
  });

  it('is all German with the German strings', () => {
    const s = status([
      pipeline('A', { pipeline: 'erp', lastRun: run({ run: 'r', status: 'partial', entities: { customer: failedCounts(2) }, finishedAt: minutesAgo(3 * 24 * 60) }) }),
      pipeline('B', { pipeline: 'crm', paused: true }),
    ]);
    expect(lines(buildTrayMenu(trayState(s, { openConflicts: { A: 2 } }), de))).toEqual([
      'Ferry: braucht Aufmerksamkeit [disabled]',
      '---',
      'Alle jetzt synchronisieren -> {"kind":"sync-all"}',
      'erp >',
      '  Jetzt synchronisieren -> {"kind":"sync","pipeline":"erp"}',
      '  Zuletzt: teilweise fehlgeschlagen, vor 3 Tagen [disabled]',
      '  2 Konflikte brauchen eine Entscheidung … -> {"kind":"open"}',
      'crm (pausiert) >',
      '  Jetzt synchronisieren -> {"kind":"sync","pipeline":"crm"}',
      '  Zuletzt: noch nie [disabled]',
      '---',
      'Alle pausieren -> {"kind":"pause-all"}',
      'Alle fortsetzen -> {"kind":"resume-all"}',
      '---',
      'Ferry öffnen -> {"kind":"open"}',
      'Protokollordner öffnen -> {"kind":"open-logs"}',
      '---',
      'Beenden -> {"kind":"quit"}',
    ]);
  });

  it('becomes a native menu template whose clicks dispatch the actions, with "&" kept literal', () => {
    const s = status([pipeline('A', { pipeline: 'ERP & RMM' })]);
    const got: TrayAction[] = [];
    const template = toMenuTemplate(buildTrayMenu(trayState(s), en), (a) => got.push(a));
    const sub = template.find((i) => i.id === 'pipeline:A')!;
    expect(sub.label).toBe('ERP && RMM');
    sub.submenu!.find((i) => i.id === 'pipeline:A:sync')!.click!();
    template.find((i) => i.id === 'quit')!.click!();
    expect(got).toEqual([{ kind: 'sync', pipeline: 'ERP & RMM' }, { kind: 'quit' }]);
    // Info lines have no click at all; separators carry nothing but their type.
    expect(sub.submenu!.find((i) => i.id === 'pipeline:A:last')!.click).toBeUndefined();
    expect(template.find((i) => i.type === 'separator')).toEqual({ id: 'sep-status', type: 'separator' });
  });
});

describe('the tray icon', () => {
  const ok = run({ run: 'r', status: 'ok' });
  it('is idle when all is well (also with no pipeline at all)', () => {
    expect(trayIconState(trayState(status([pipeline('A', { lastRun: ok })], [{ name: 'erp', health: 'ok' }])))).toBe('idle');
    expect(trayIconState(trayState(status([])))).toBe('idle');
    expect(trayIconState(trayState(null))).toBe('idle');
  });
  it('is syncing while a run is in progress', () => {
    expect(trayIconState(trayState(status([pipeline('A'), pipeline('B')]), { running: ['B'] }))).toBe('syncing');
  });
  it('is paused when every pipeline is paused, not when only some are', () => {
    expect(trayIconState(trayState(status([pipeline('A', { paused: true }), pipeline('B', { paused: true })])))).toBe('paused');
    expect(trayIconState(trayState(status([pipeline('A', { paused: true }), pipeline('B')])))).toBe('idle');
  });
  it('asks for attention on a failed or partly failed run, an undecided conflict, a broken connection, an unreachable engine', () => {
    expect(trayIconState(trayState(status([pipeline('A', { lastRun: run({ run: 'r', status: 'failed' }) })])))).toBe('attention');
    expect(trayIconState(trayState(status([pipeline('A', { lastRun: run({ run: 'r', status: 'partial' }) })])))).toBe('attention');
    expect(trayIconState(trayState(status([pipeline('A')]), { openConflicts: { A: 1 } }))).toBe('attention');
    expect(trayIconState(trayState(status([pipeline('A')], [{ name: 'erp', health: 'error' }])))).toBe('attention');
    expect(trayIconState(trayState(status([pipeline('A')], [{ name: 'erp', health: 'needs-credentials' }])))).toBe('attention');
    expect(trayIconState(trayState(null, { error: 'gone' }))).toBe('attention');
    // Untested or disabled connections are not a problem by themselves.
    expect(trayIconState(trayState(status([pipeline('A')], [{ name: 'a', health: 'untested' }, { name: 'b', health: 'disabled' }])))).toBe('idle');
  });
  it('keeps asking for attention while a run goes and while everything is paused', () => {
    const failed = pipeline('A', { lastRun: run({ run: 'r', status: 'failed' }), paused: true });
    expect(trayIconState(trayState(status([failed]), { running: ['A'] }))).toBe('attention');
    expect(trayIconState(trayState(status([failed])))).toBe('attention');
  });
});

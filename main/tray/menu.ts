// The tray menu as data: a pure function of the app state. The Electron shell (main/electron/main.ts) only turns the
// description into a native menu and performs the actions; everything that decides what the menu says is here.
import type { StatusReport } from '../../shared/contract.js';
import { formatAgo, type StringKey, type Translate } from './strings.js';

export type TrayAction =
  | { kind: 'sync-all' }
  | { kind: 'sync'; pipeline: string }
  | { kind: 'pause-all' }
  | { kind: 'resume-all' }
  | { kind: 'open' }
  | { kind: 'open-logs' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'normal'; id: string; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'separator'; id: string }
  | { type: 'submenu'; id: string; label: string; enabled: boolean; submenu: TrayMenuItem[] };

/** What the tray knows: the last status report (null until the first one arrived), runs in progress, open conflicts. */
export interface TrayState {
  status: StatusReport | null;
  /** Why the last status could not be read (the engine host is gone, …); null when it could. */
  error: string | null;
  /** Ids of the pipelines with a run in progress (from progress events). */
  running: readonly string[];
  /** Open (undecided) conflicts per pipeline id. */
  openConflicts: Readonly<Record<string, number>>;
  now: Date;
}

export type TrayIconState = 'idle' | 'syncing' | 'attention' | 'paused';

const badHealth = new Set(['error', 'needs-credentials']);

/** Whether something needs the admin: a failed run, an undecided conflict, a broken connection, an unreachable engine. */
export function needsAttention(state: TrayState): boolean {
  if (state.error !== null) return true;
  const s = state.status;
  if (!s) return false;
  if (s.needsAttention) return true;
  if (s.connections.some((c) => badHealth.has(c.health))) return true;
  return s.pipelines.some(
    (p) =>
      p.problems.length > 0 ||
      p.lastRun?.status === 'failed' ||
      p.lastRun?.status === 'partial' ||
      (state.openConflicts[p.id] ?? 0) > 0 ||
      p.connections.some((c) => badHealth.has(c.health)),
  );
}

/**
 * The icon: attention wins (it must be seen at a glance, even while a run is going), then syncing, then paused
 * (every pipeline paused), else idle.
 */
export function trayIconState(state: TrayState): TrayIconState {
  if (needsAttention(state)) return 'attention';
  const pipelines = state.status?.pipelines ?? [];
  if (pipelines.some((p) => state.running.includes(p.id)) || (state.running.length > 0 && pipelines.length === 0)) return 'syncing';
  if (pipelines.length > 0 && pipelines.every((p) => p.paused)) return 'paused';
  return 'idle';
}

const headerKey: Record<TrayIconState, StringKey> = { idle: 'state.idle', syncing: 'state.syncing', attention: 'state.attention', paused: 'state.paused' };

/** One line for the tooltip and the top of the menu. */
export function trayTitle(state: TrayState, t: Translate): string {
  if (state.error !== null) return t('state.unreachable', { message: state.error });
  if (state.status === null) return t('state.starting');
  return t(headerKey[trayIconState(state)]);
}

type PipelineStatus = StatusReport['pipelines'][number];

function lastLine(p: PipelineStatus, now: Date, t: Translate): string {
  const r = p.lastRun;
  if (!r) return t('menu.lastNever');
  const at = new Date(r.finishedAt ?? r.startedAt);
  return t('menu.last', { status: t(`run.${r.status}`), ago: formatAgo(at, now, t) });
}

function pipelineItem(p: PipelineStatus, state: TrayState, t: Translate): TrayMenuItem {
  const running = state.running.includes(p.id);
  const conflicts = state.openConflicts[p.id] ?? 0;
  const submenu: TrayMenuItem[] = [
    running
      ? { type: 'normal', id: `pipeline:${p.id}:sync`, label: t('menu.syncing'), enabled: false, action: null }
      : { type: 'normal', id: `pipeline:${p.id}:sync`, label: t('menu.syncNow'), enabled: true, action: { kind: 'sync', pipeline: p.pipeline } },
    { type: 'normal', id: `pipeline:${p.id}:last`, label: lastLine(p, state.now, t), enabled: false, action: null },
  ];
  if (conflicts > 0) {
    submenu.push({
      type: 'normal',
      id: `pipeline:${p.id}:conflicts`,
      label: conflicts === 1 ? t('menu.conflicts.one') : t('menu.conflicts.other', { count: conflicts }),
      enabled: true,
      action: { kind: 'open' },
    });
  }
  const label = running ? t('menu.pipelineSyncing', { name: p.pipeline }) : p.paused ? t('menu.pipelinePaused', { name: p.pipeline }) : t('menu.pipeline', { name: p.pipeline });
  return { type: 'submenu', id: `pipeline:${p.id}`, label, enabled: true, submenu };
}

/**
 * The tray menu: a status line; "Sync all now"; one submenu per pipeline (sync it now, its last result); "Pause all"
 * while any pipeline runs on schedule and "Resume all" while any is paused; open the window; open the log folder;
 * quit. "Sync all now" starts every pipeline that is not paused and not already running.
 */
export function buildTrayMenu(state: TrayState, t: Translate): TrayMenuItem[] {
  const pipelines = state.status?.pipelines ?? [];
  const syncable = pipelines.filter((p) => !p.paused && !state.running.includes(p.id));
  const items: TrayMenuItem[] = [
    { type: 'normal', id: 'status', label: trayTitle(state, t), enabled: false, action: null },
    { type: 'separator', id: 'sep-status' },
    { type: 'normal', id: 'sync-all', label: t('menu.syncAll'), enabled: syncable.length > 0, action: { kind: 'sync-all' } },
  ];
  if (state.status !== null && pipelines.length === 0) items.push({ type: 'normal', id: 'no-pipelines', label: t('menu.noPipelines'), enabled: false, action: null });
  for (const p of pipelines) items.push(pipelineItem(p, state, t));
  items.push({ type: 'separator', id: 'sep-pause' });
  const anyActive = pipelines.some((p) => !p.paused);
  const anyPaused = pipelines.some((p) => p.paused);
  if (anyActive || !anyPaused) items.push({ type: 'normal', id: 'pause-all', label: t('menu.pauseAll'), enabled: anyActive, action: { kind: 'pause-all' } });
  if (anyPaused) items.push({ type: 'normal', id: 'resume-all', label: t('menu.resumeAll'), enabled: true, action: { kind: 'resume-all' } });
  items.push(
    { type: 'separator', id: 'sep-open' },
    { type: 'normal', id: 'open', label: t('menu.open'), enabled: true, action: { kind: 'open' } },
    { type: 'normal', id: 'open-logs', label: t('menu.openLogs'), enabled: true, action: { kind: 'open-logs' } },
    { type: 'separator', id: 'sep-quit' },
    { type: 'normal', id: 'quit', label: t('menu.quit'), enabled: true, action: { kind: 'quit' } },
  );
  return items;
}

/** A menu template item (structurally what Electron's Menu.buildFromTemplate takes). */
export interface MenuTemplateItem {
  id: string;
  type: 'normal' | 'separator' | 'submenu';
  label?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

/** Electron reads a single '&' in a label as a mnemonic marker and drops it: '&&' shows one '&' ("ERP & RMM"). */
export const escapeMenuLabel = (label: string): string => label.replace(/&/g, '&&');

/** Turns the description into a template whose clicks call `dispatch` with the item's action. */
export function toMenuTemplate(items: readonly TrayMenuItem[], dispatch: (a: TrayAction) => void): MenuTemplateItem[] {
  return items.map((i): MenuTemplateItem => {
    if (i.type === 'separator') return { id: i.id, type: 'separator' };
    if (i.type === 'submenu') return { id: i.id, type: 'submenu', label: escapeMenuLabel(i.label), enabled: i.enabled, submenu: toMenuTemplate(i.submenu, dispatch) };
    const action = i.action;
    return { id: i.id, type: 'normal', label: escapeMenuLabel(i.label), enabled: i.enabled, ...(action ? { click: () => dispatch(action) } : {}) };
  });
}

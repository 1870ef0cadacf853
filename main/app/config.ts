import type { z } from 'zod';
import { ConfigExport, Settings, type ImportResult } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import { iso, newId, type AppContext } from './context.js';
import { configProblems, type ConnLike } from './pipelines-validate.js';
import { settingsProblems } from './settings.js';

type ConfigExportT = z.infer<typeof ConfigExport>;
type FileConnection = ConfigExportT['connections'][number];
type FilePipeline = ConfigExportT['pipelines'][number];
interface PathProblem {
  path: string;
  message: string;
}

const settingKeys = Object.keys(Settings.shape) as (keyof Settings)[];

/** The whole configuration without secrets: settings, connections, pipelines (connections named, not by id). */
export function exportConfig(ctx: AppContext): ConfigExportT {
  const all = ctx.store.settings.all();
  const conns = ctx.store.connections.list();
  const nameOf = new Map(conns.map((c) => [c.id, c.name]));
  return {
    format: 'ferry-config',
    version: 1,
    exportedAt: iso(ctx.now()),
    settings: Object.fromEntries(settingKeys.map((k) => [k, all[k]])) as Settings,
    connections: conns.map((c) => ({ kind: c.kind, name: c.name, url: c.url, username: c.username, options: c.options, enabled: c.enabled })),
    pipelines: ctx.store.pipelines.list().map((p) => ({ name: p.name, left: nameOf.get(p.leftId)!, right: nameOf.get(p.rightId)!, config: p.config, paused: p.paused })),
  };
}

/** `pipelines[1].config.schedule` from zod's path segments. */
const joinPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${String(s)}` : String(s)), '');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parsed value, or undefined with its problems added (by path). */
function parsed<T>(schema: z.ZodType<T>, value: unknown, at: (string | number)[], problems: PathProblem[]): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const i of r.error.issues) problems.push({ path: joinPath([...at, ...i.path]) || '(file)', message: i.message });
  return undefined;
}

/** Checks each element of an array section on its own, so one bad element does not hide the others' problems. */
function elements<T>(raw: Record<string, unknown>, key: 'connections' | 'pipelines', schema: z.ZodType<T>, problems: PathProblem[]): { item: T; i: number }[] {
  const list = raw[key];
  if (!Array.isArray(list)) {
    problems.push({ path: key, message: list === undefined ? 'is missing (a list, possibly empty)' : 'must be a list' });
    return [];
  }
  const out: { item: T; i: number }[] = [];
  list.forEach((v, i) => {
    const item = parsed(schema, v, [key, i], problems);
    if (item !== undefined) out.push({ item, i });
  });
  return out;
}

const sections = ['(file)', 'format', 'version', 'exportedAt', 'settings', 'connections', 'pipelines'];
/** Problems are listed in file order: section, then element (stable within one element). */
const order = (path: string) => sections.indexOf(/^[^.[]+/.exec(path)?.[0] ?? '(file)');
const index = (path: string) => Number(/^[^.[]+\[(\d+)\]/.exec(path)?.[1] ?? -1);

const fold = (name: string) => name.trim().toLowerCase();

/**
 * Imports a configuration exported by `config.export`: all or nothing. Every problem is collected first — the file's
 * shape, unknown kinds, invalid URLs and options, names given twice or present on this machine already, pipelines
 * naming a connection that is neither in the file nor here, schedules and field templates — and reported by path;
 * only a configuration without problems is written, in one transaction. Secrets are never in the file: the
 * connections it creates are listed in `needsSecrets`.
 */
export function importConfig(ctx: AppContext, raw: unknown): z.infer<typeof ImportResult> {
  const problems: PathProblem[] = [];
  if (!isRecord(raw)) {
    throw new FerryError('input', 'The file is not a Ferry configuration (a JSON object with format "ferry-config").', 'Import a file written by `ferry config export`. Nothing was imported.', { problems: [{ path: '(file)', message: 'is not a JSON object' }] });
  }
  const shape = ConfigExport.shape;
  parsed(shape.format, raw['format'], ['format'], problems);
  parsed(shape.version, raw['version'], ['version'], problems);
  parsed(shape.exportedAt, raw['exportedAt'], ['exportedAt'], problems);
  let settings: Settings | null = null;
  const s = parsed(shape.settings, raw['settings'], ['settings'], problems);
  if (s) {
    const sp = settingsProblems(s);
    for (const p of sp) problems.push({ path: `settings.${p.path}`, message: p.message });
    if (!sp.length) settings = s;
  }
  const fileConns = elements(raw, 'connections', shape.connections.element, problems);
  const filePipes = elements(raw, 'pipelines', shape.pipelines.element, problems);

  // Connections: a known kind, a URL and options that kind accepts, a name that is new.
  const resolved = new Map<string, ConnLike | null>(); // folded name → connection (null: in the file, but invalid)
  const toInsert: { i: number; c: FileConnection; url: string; options: Record<string, string> }[] = [];
  const firstConn = new Map<string, number>();
  for (const { item: c, i } of fileConns) {
    const at = `connections[${i}]`;
    const before = problems.length;
    const name = c.name.trim();
    if (name.length > 80) problems.push({ path: `${at}.name`, message: 'must be at most 80 characters' });
    const seen = firstConn.get(fold(name));
    if (seen !== undefined) problems.push({ path: `${at}.name`, message: `"${name}" is given twice (also connections[${seen}])` });
    else firstConn.set(fold(name), i);
    if (ctx.store.connections.byName(name)) problems.push({ path: `${at}.name`, message: `a connection named "${name}" exists already on this machine` });
    const factory = ctx.factories.get(c.kind);
    let url = c.url;
    let options = c.options;
    if (!factory || factory.hidden) {
      const kinds = [...ctx.factories.values()].filter((f) => !f.hidden).map((f) => f.kind).join(', ');
      problems.push({ path: `${at}.kind`, message: `unknown connection kind "${c.kind}" (known: ${kinds})` });
    } else {
      try {
        url = factory.normalizeUrl(c.url);
      } catch (e) {
        if (!(e instanceof FerryError)) throw e;
        problems.push({ path: `${at}.url`, message: e.message });
      }
      const o = factory.optionsSchema.safeParse(c.options);
      if (o.success) options = o.data;
      else for (const issue of o.error.issues) problems.push({ path: joinPath([at, 'options', ...issue.path]), message: issue.message });
    }
    const ok = problems.length === before;
    if (seen === undefined) resolved.set(fold(name), ok ? { kind: c.kind, name, url, username: c.username, options } : null);
    if (ok) toInsert.push({ i, c: { ...c, name }, url, options });
  }

  // Pipelines: a new name, two different connections from the file or this machine, a configuration that checks out.
  const now = iso(ctx.now());
  const firstPipe = new Map<string, number>();
  const pipeRefs: { p: FilePipeline; name: string }[] = [];
  for (const { item: p, i } of filePipes) {
    const at = `pipelines[${i}]`;
    const name = p.name.trim();
    if (name.length > 80) problems.push({ path: `${at}.name`, message: 'must be at most 80 characters' });
    const seen = firstPipe.get(fold(name));
    if (seen !== undefined) problems.push({ path: `${at}.name`, message: `"${name}" is given twice (also pipelines[${seen}])` });
    else firstPipe.set(fold(name), i);
    if (ctx.store.pipelines.byName(name)) problems.push({ path: `${at}.name`, message: `a pipeline named "${name}" exists already on this machine` });
    const side = (key: 'left' | 'right'): ConnLike | null => {
      const ref = p[key];
      if (resolved.has(fold(ref))) return resolved.get(fold(ref)) ?? null;
      const row = ctx.store.connections.byName(ref);
      if (row) return row;
      problems.push({ path: `${at}.${key}`, message: `no connection named "${ref}" (neither in the file nor on this machine)` });
      return null;
    };
    const left = side('left');
    const right = side('right');
    if (fold(p.left) === fold(p.right)) problems.push({ path: `${at}.right`, message: 'left and right are the same connection' });
    if (Object.keys(p.config.entities).length === 0) problems.push({ path: `${at}.config.entities`, message: 'names no entity to sync' });
    for (const c of configProblems(ctx, p.config, left, right, now)) problems.push({ path: `${at}.config.${c.path}`, message: c.message });
    pipeRefs.push({ p, name });
  }

  if (problems.length) {
    problems.sort((a, b) => order(a.path) - order(b.path) || index(a.path) - index(b.path));
    throw new FerryError(
      'input',
      `The configuration was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was changed.\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
      'Correct each listed entry in the file (or rename or remove what it collides with on this machine), then import it again.',
      { problems },
    );
  }

  const ids = new Map<string, string>();
  ctx.store.db.transaction(() => {
    for (const { c, url, options } of toInsert) {
      const id = newId('con');
      ids.set(fold(c.name), id);
      ctx.store.connections.insert({ id, kind: c.kind, name: c.name, url, username: c.username, options, enabled: c.enabled, createdAt: now, modifiedAt: now });
    }
    const idOf = (ref: string) => ids.get(fold(ref)) ?? ctx.store.connections.byName(ref)!.id;
    for (const { p, name } of pipeRefs) {
      ctx.store.pipelines.insert({ id: newId('pip'), name, leftId: idOf(p.left), rightId: idOf(p.right), config: p.config, paused: p.paused, createdAt: now, modifiedAt: now, activatedAt: now });
    }
    if (settings) ctx.store.settings.setMany(settings);
  })();
  const names = toInsert.map((t) => t.c.name);
  ctx.log.info({ connections: names.length, pipelines: pipeRefs.length }, 'configuration imported');
  return {
    connections: names,
    pipelines: pipeRefs.map((r) => r.name),
    needsSecrets: toInsert.filter((t) => (ctx.factories.get(t.c.kind)?.secretNames.length ?? 0) > 0).map((t) => t.c.name),
  };
}

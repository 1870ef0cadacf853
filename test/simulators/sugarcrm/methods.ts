// The v4_1 methods (SugarWebServiceImplv4_1): parameter binding as PHP 8 does it, and each method's answer.
import { compileOrder, compileWhere, QueryError } from './query.js';
import { fieldDef, type ModuleDef } from './modules.js';
import { md5, sugarDate, type Rec, type SugarState } from './state.js';

/** SoapErrorDefinitions.php entries the simulator uses. */
export const ERRORS = {
  invalid_login: { name: 'Invalid Login', number: 10, description: 'Login attempt failed please check the username and password' },
  invalid_session: { name: 'Invalid Session ID', number: 11, description: 'The session ID is invalid' },
  no_module: { name: 'Module Does Not Exist', number: 20, description: 'This module is not available on this server' },
  no_relationship_support: { name: 'Relationship Not Supported', number: 31, description: 'This module does not support this relationship' },
  no_access: { name: 'Access Denied', number: 40, description: 'You do not have access' },
} as const;

export type ErrorKey = keyof typeof ERRORS;

/** What a call produces: a JSON value, an uncaught PHP Error (fatal page) or a database failure (sugar_die). */
export type Outcome = { kind: 'json'; value: unknown } | { kind: 'fatal'; message: string } | { kind: 'db-failure' };

export interface MethodContext {
  state: SugarState;
  /** Encode values as SugarCRM's to_html does on retrieve (default true). */
  htmlEncode: boolean;
  /** max_results <= 0 falls back to this (config list_max_entries_per_page, default 20). */
  listMaxEntries: number;
  serverInfo: { flavor: string; version: string };
}

class SugarFault extends Error {
  constructor(readonly key: ErrorKey) {
    super(key);
  }
}

interface Param {
  name: string;
  /** PHP default value; undefined = required. */
  dflt?: unknown;
}
interface MethodSpec {
  params: Param[];
  write?: boolean;
  run(ctx: MethodContext, a: Record<string, unknown>): unknown;
}

const IMPL = 'SugarWebServiceImplv4_1';

/** Binds decoded rest_data to the method's parameters like call_user_func_array under PHP 8 (throws the PHP error message). */
export function bindArgs(method: string, params: Param[], data: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let positional: unknown[] = [];
  const named: [string, unknown][] = [];
  if (Array.isArray(data)) positional = data;
  else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if (/^(0|[1-9]\d*)$/.test(k)) positional[Number(k)] = v;
      else named.push([k, v]);
    }
  } else positional = [data];
  positional.forEach((v, i) => {
    const p = params[i];
    if (p) out[p.name] = v;
  });
  for (const [k, v] of named) {
    if (!params.some((p) => p.name === k)) throw new Error(`Error: Unknown named parameter $${k}`);
    if (k in out) throw new Error(`Error: Named parameter $${k} overwrites previous argument`);
    out[k] = v;
  }
  const required = params.filter((p) => p.dflt === undefined).length;
  for (const [i, p] of params.entries()) {
    if (p.name in out) continue;
    if (p.dflt !== undefined) {
      out[p.name] = p.dflt;
      continue;
    }
    if (named.length > 0) throw new Error(`ArgumentCountError: ${IMPL}::${method}(): Argument #${i + 1} ($${p.name}) not passed`);
    const passed = positional.length;
    const how = required === params.length ? 'exactly' : 'at least';
    throw new Error(`ArgumentCountError: Too few arguments to function ${IMPL}::${method}(), ${passed} passed and ${how} ${required} expected`);
  }
  return out;
}

// ---- helpers ----
const P = (name: string, dflt?: unknown): Param => ({ name, dflt });

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

/** htmlspecialchars(ENT_QUOTES), as SugarBean's to_html() applies to values read from the database. */
function toHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#039;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function session(ctx: MethodContext, s: unknown): string {
  const userId = ctx.state.useSession(s);
  if (userId === null) throw new SugarFault('invalid_session');
  return userId;
}

function module(ctx: MethodContext, name: unknown): ModuleDef {
  const m = typeof name === 'string' ? ctx.state.module(name) : undefined;
  if (!m) throw new SugarFault('no_module');
  return m;
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (v !== null && typeof v === 'object') return Object.values(v).filter((x): x is string => typeof x === 'string');
  return [];
}

function nameValueList(ctx: MethodContext, mod: ModuleDef, row: Rec, select: string[]): Record<string, { name: string; value: string }> {
  const view = ctx.state.view(mod.name, row);
  const names = select.length > 0 ? select.filter((n) => fieldDef(mod, n)) : mod.fields.map((x) => x.name);
  if (select.length > 0 && !names.includes('id')) names.unshift('id');
  const out: Record<string, { name: string; value: string }> = {};
  for (const n of names) {
    const raw = view[n] ?? '';
    out[n] = { name: n, value: ctx.htmlEncode ? toHtml(raw) : raw };
  }
  return out;
}

function entry(ctx: MethodContext, mod: ModuleDef, row: Rec, select: string[]) {
  return { id: row.id, module_name: mod.name, name_value_list: nameValueList(ctx, mod, row, select) };
}

interface LinkRequest {
  name: string;
  fields: string[];
}

function linkRequests(v: unknown): LinkRequest[] {
  if (!Array.isArray(v)) return [];
  const out: LinkRequest[] = [];
  for (const x of v) {
    if (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string') {
      out.push({ name: (x as { name: string }).name, fields: stringList((x as { value?: unknown }).value) });
    }
  }
  return out;
}

/** Live related rows through one link (accounts_contacts or the case's account). */
function related(ctx: MethodContext, mod: ModuleDef, id: string, link: string, includeDeleted = false): { mod: ModuleDef; rows: Rec[] } | null {
  const def = mod.links.find((l) => l.name === link);
  if (!def) return null;
  const target = ctx.state.module(def.module);
  if (!target) return null;
  const table = ctx.state.table(target.name);
  let ids: string[];
  if (def.relationship === 'accounts_contacts') ids = mod.name === 'Accounts' ? ctx.state.contactsOfAccount(id) : ctx.state.accountsOfContact(id);
  else if (mod.name === 'Accounts') ids = [...ctx.state.table('Cases').values()].filter((c) => c.account_id === id).map((c) => c.id as string);
  else ids = [ctx.state.table('Cases').get(id)?.account_id ?? ''];
  const rows = ids.map((x) => table.get(x)).filter((r): r is Rec => r !== undefined && (includeDeleted || r.deleted === '0'));
  return { mod: target, rows };
}

function relationshipList(ctx: MethodContext, mod: ModuleDef, row: Rec, links: LinkRequest[]) {
  const linkList = links.map((l) => {
    const rel = related(ctx, mod, row.id as string, l.name);
    const records = rel ? rel.rows.map((r) => ({ link_value: nameValueList(ctx, rel.mod, r, l.fields) })) : [];
    return { name: l.name, records };
  });
  return { link_list: linkList };
}

/** name_value_list as [{name, value}] or {field: {name, value}} or {field: value} → {field: value}. */
function parseNvl(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: unknown, val: unknown): void => {
    if (typeof k !== 'string') return;
    out[k] = val === null || val === undefined ? '' : typeof val === 'boolean' ? (val ? '1' : '0') : String(val);
  };
  if (Array.isArray(v)) {
    for (const x of v) if (x && typeof x === 'object') put((x as { name?: unknown }).name, (x as { value?: unknown }).value);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (x && typeof x === 'object' && 'value' in x) put(k, (x as { value?: unknown }).value);
      else put(k, x);
    }
  }
  return out;
}

function listRows(ctx: MethodContext, mod: ModuleDef, query: unknown, orderBy: unknown, deleted: boolean): Rec[] {
  const where = compileWhere(mod, typeof query === 'string' ? query : '');
  const order = compileOrder(mod, typeof orderBy === 'string' ? orderBy : '');
  const rows = [...ctx.state.table(mod.name).values()].filter((r) => (deleted || r.deleted === '0') && where(r));
  if (order) rows.sort(order);
  return rows;
}

function saveOne(ctx: MethodContext, mod: ModuleDef, actor: string, nvl: unknown): { id: string; values: Record<string, string> } {
  const values = parseNvl(nvl);
  const newWithId = truthy(values.new_with_id);
  delete values.new_with_id;
  const id = values.id ?? '';
  const wantDelete = values.deleted !== undefined && truthy(values.deleted);
  if (id && !newWithId && !ctx.state.table(mod.name).has(id)) return { id, values };
  const row = ctx.state.write(mod.name, values, actor, { newWithId: newWithId && id !== '' && !ctx.state.table(mod.name).has(id) });
  if (!row) return { id, values };
  if (wantDelete) ctx.state.softDelete(mod.name, row.id as string);
  return { id: row.id as string, values };
}

// ---- the methods ----
const METHODS: Record<string, MethodSpec> = {
  get_server_info: {
    params: [],
    run: (ctx) => ({ flavor: ctx.serverInfo.flavor, version: ctx.serverInfo.version, gmt_time: sugarDate(ctx.state.now()) }),
  },
  login: {
    params: [P('user_auth'), P('application'), P('name_value_list', [])],
    run(ctx, a) {
      const auth = (a.user_auth ?? {}) as { user_name?: unknown; password?: unknown };
      const user = typeof auth.user_name === 'string' ? ctx.state.userByName(auth.user_name) : undefined;
      const pw = user ? ctx.state.passwords.get(user.id as string) : undefined;
      if (!user || pw === undefined || user.status !== 'Active' || typeof auth.password !== 'string' || auth.password.toLowerCase() !== md5(pw)) {
        throw new SugarFault('invalid_login');
      }
      const nv = (name: string, value: unknown) => ({ name, value });
      return {
        id: ctx.state.openSession(user.id as string),
        module_name: 'Users',
        name_value_list: {
          user_id: nv('user_id', user.id),
          user_name: nv('user_name', user.user_name),
          user_language: nv('user_language', 'en_us'),
          user_currency_id: nv('user_currency_id', '-99'),
          user_is_admin: nv('user_is_admin', user.is_admin === '1'),
          user_default_team_id: nv('user_default_team_id', null),
          user_default_dateformat: nv('user_default_dateformat', 'd.m.Y'),
          user_default_timeformat: nv('user_default_timeformat', 'H:i'),
          user_number_seperator: nv('user_number_seperator', '.'),
          user_decimal_seperator: nv('user_decimal_seperator', ','),
          mobile_max_list_entries: nv('mobile_max_list_entries', null),
          mobile_max_subpanel_entries: nv('mobile_max_subpanel_entries', null),
          user_currency_name: nv('user_currency_name', 'Euro'),
        },
      };
    },
  },
  logout: {
    params: [P('session')],
    run(ctx, a) {
      session(ctx, a.session);
      ctx.state.closeSession(a.session as string);
      return null;
    },
  },
  get_user_id: {
    params: [P('session')],
    run: (ctx, a) => session(ctx, a.session),
  },
  get_entry_list: {
    params: [P('session'), P('module_name'), P('query'), P('order_by'), P('offset'), P('select_fields'), P('link_name_to_fields_array'), P('max_results'), P('deleted'), P('favorites', false)],
    run(ctx, a) {
      session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const rows = listRows(ctx, mod, a.query, a.order_by, truthy(a.deleted));
      const offset = Math.max(0, Number(a.offset) || 0);
      const max = Number(a.max_results) > 0 ? Number(a.max_results) : ctx.listMaxEntries;
      const page = rows.slice(offset, offset + max);
      const select = stringList(a.select_fields);
      const links = linkRequests(a.link_name_to_fields_array);
      return {
        result_count: page.length,
        total_count: String(rows.length),
        next_offset: offset + page.length,
        entry_list: page.map((r) => entry(ctx, mod, r, select)),
        relationship_list: links.length > 0 ? page.map((r) => relationshipList(ctx, mod, r, links)) : [],
      };
    },
  },
  get_entries_count: {
    params: [P('session'), P('module_name'), P('query'), P('deleted')],
    run(ctx, a) {
      session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      return { result_count: listRows(ctx, mod, a.query, '', truthy(a.deleted)).length };
    },
  },
  get_entry: {
    params: [P('session'), P('module_name'), P('id'), P('select_fields'), P('link_name_to_fields_array'), P('track_view', false)],
    run: (ctx, a) => getEntries(ctx, a, [a.id]),
  },
  get_entries: {
    params: [P('session'), P('module_name'), P('ids'), P('select_fields'), P('link_name_to_fields_array'), P('track_view', false)],
    run: (ctx, a) => getEntries(ctx, a, Array.isArray(a.ids) ? a.ids : []),
  },
  set_entry: {
    params: [P('session'), P('module_name'), P('name_value_list'), P('track_view', false)],
    write: true,
    run(ctx, a) {
      const actor = session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const { id, values } = saveOne(ctx, mod, actor, a.name_value_list);
      const entryList: Record<string, { name: string; value: string }> = {};
      for (const [k, v] of Object.entries(values)) if (k !== 'id') entryList[k] = { name: k, value: v };
      return { id, entry_list: entryList };
    },
  },
  set_entries: {
    params: [P('session'), P('module_name'), P('name_value_lists')],
    write: true,
    run(ctx, a) {
      const actor = session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const lists = Array.isArray(a.name_value_lists) ? a.name_value_lists : [];
      return { ids: lists.map((nvl) => saveOne(ctx, mod, actor, nvl).id) };
    },
  },
  get_module_fields: {
    params: [P('session'), P('module_name'), P('fields', [])],
    run(ctx, a) {
      session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const only = stringList(a.fields);
      const moduleFields: Record<string, unknown> = {};
      for (const fd of mod.fields) {
        if (only.length > 0 && !only.includes(fd.name)) continue;
        const options: Record<string, { name: string; value: string }> = {};
        for (const [k, v] of Object.entries(fd.options ?? {})) options[k] = { name: k, value: v };
        moduleFields[fd.name] = {
          name: fd.name,
          type: fd.type,
          group: '',
          id_name: fd.idName ?? '',
          label: `${fd.label}:`,
          required: fd.required ? 1 : 0,
          options,
          related_module: fd.relatedModule ?? '',
          calculated: false,
          len: fd.len !== undefined ? String(fd.len) : '',
        };
      }
      const linkFields: Record<string, unknown> = {};
      for (const l of mod.links) {
        if (only.length > 0 && !only.includes(l.name)) continue;
        linkFields[l.name] = { name: l.name, type: 'link', group: '', id_name: '', relationship: l.relationship, module: l.module, bean_name: l.module.replace(/s$/, '') };
      }
      return { module_name: mod.name, table_name: mod.table, module_fields: moduleFields, link_fields: linkFields };
    },
  },
  get_relationships: {
    params: [
      P('session'),
      P('module_name'),
      P('module_id'),
      P('link_field_name'),
      P('related_module_query'),
      P('related_fields'),
      P('related_module_link_name_to_fields_array'),
      P('deleted'),
      P('order_by', ''),
      P('offset', 0),
      P('limit', false),
    ],
    run(ctx, a) {
      session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const row = ctx.state.table(mod.name).get(String(a.module_id));
      const rel = related(ctx, mod, String(a.module_id), String(a.link_field_name), truthy(a.deleted));
      if (!rel) throw new SugarFault('no_relationship_support');
      if (!row) return { entry_list: [], relationship_list: [] };
      const where = compileWhere(rel.mod, typeof a.related_module_query === 'string' ? a.related_module_query : '');
      const order = compileOrder(rel.mod, typeof a.order_by === 'string' ? a.order_by : '');
      let rows = rel.rows.filter((r) => where(r));
      if (order) rows.sort(order);
      const offset = Math.max(0, Number(a.offset) || 0);
      const limit = Number(a.limit) > 0 ? Number(a.limit) : rows.length;
      rows = rows.slice(offset, offset + limit);
      const select = stringList(a.related_fields);
      const links = linkRequests(a.related_module_link_name_to_fields_array);
      return {
        entry_list: rows.map((r) => entry(ctx, rel.mod, r, select)),
        relationship_list: links.length > 0 ? rows.map((r) => relationshipList(ctx, rel.mod, r, links)) : [],
      };
    },
  },
  set_relationship: {
    params: [P('session'), P('module_name'), P('module_id'), P('link_field_name'), P('related_ids'), P('name_value_list'), P('delete')],
    write: true,
    run(ctx, a) {
      session(ctx, a.session);
      const mod = module(ctx, a.module_name);
      const link = mod.links.find((l) => l.name === a.link_field_name && l.relationship === 'accounts_contacts');
      const result = { created: 0, failed: 0, deleted: 0 };
      const id = String(a.module_id);
      const own = ctx.state.table(mod.name).get(id);
      const ids = stringList(a.related_ids);
      for (const other of ids) {
        const otherRow = link ? ctx.state.table(link.module).get(other) : undefined;
        if (!link || !own || own.deleted === '1' || !otherRow || otherRow.deleted === '1') {
          result.failed++;
          continue;
        }
        const [acc, con] = mod.name === 'Accounts' ? [id, other] : [other, id];
        if (truthy(a.delete)) {
          if (ctx.state.unlinkAccountContact(acc, con)) result.deleted++;
          else result.failed++;
        } else if (ctx.state.linkAccountContact(acc, con)) result.created++;
        else result.failed++;
      }
      return result;
    },
  },
};

function getEntries(ctx: MethodContext, a: Record<string, unknown>, ids: unknown[]) {
  session(ctx, a.session);
  const mod = module(ctx, a.module_name);
  const select = stringList(a.select_fields);
  const links = linkRequests(a.link_name_to_fields_array);
  const table = ctx.state.table(mod.name);
  const found: Rec[] = [];
  const entryList = ids.map((rawId) => {
    const id = String(rawId);
    const row = table.get(id);
    if (!row || row.deleted === '1') {
      return {
        id,
        module_name: mod.name,
        name_value_list: {
          warning: { name: 'warning', value: 'Access to this object is denied since it has been deleted or does not exist' },
          deleted: { name: 'deleted', value: '1' },
        },
      };
    }
    found.push(row);
    return entry(ctx, mod, row, select);
  });
  return { entry_list: entryList, relationship_list: links.length > 0 ? found.map((r) => relationshipList(ctx, mod, r, links)) : [] };
}

export function isWriteMethod(method: string): boolean {
  return METHODS[method]?.write === true;
}

export const METHOD_NAMES = Object.keys(METHODS);

/** Runs one call: `method` and the already-decoded rest_data (undefined when absent or not JSON). */
export function callMethod(ctx: MethodContext, method: string, data: unknown): Outcome {
  const spec = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!spec) {
    return { kind: 'json', value: { name: 'An Undefined Error - invalid_call occurred', number: '-1', description: 'There is no error definition for invalid_call' } };
  }
  let args: Record<string, unknown>;
  try {
    args = bindArgs(method, spec.params, data);
  } catch (err) {
    return { kind: 'fatal', message: (err as Error).message };
  }
  try {
    return { kind: 'json', value: spec.run(ctx, args) };
  } catch (err) {
    if (err instanceof SugarFault) return { kind: 'json', value: ERRORS[err.key] };
    if (err instanceof QueryError) return { kind: 'db-failure' };
    throw err;
  }
}

/** PHP's json_encode with default flags: non-ASCII as \uXXXX, '/' as '\/'. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

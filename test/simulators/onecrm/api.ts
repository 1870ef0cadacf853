// The api.php routes: OAuth 2 token endpoint, /data/{Model} CRUD and listing, /meta/fields/{Model}.
import { fieldDef, MODIFIED_SINCE, type FilterDef, type ModelDef } from './models.js';
import { parseCrmDate, WriteError, type AccessToken, type OneCrmState, type Rec, type Value } from './state.js';

export interface ApiRequest {
  method: string;
  /** The path below /api.php, e.g. '/data/Account/123' ('' or '/' for the docs page). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, or a string sent as text/html. */
  json?: unknown;
  html?: string;
}

export interface ApiContext {
  state: OneCrmState;
  /** Offer the `modified_since` filter in /meta/fields and accept it in lists. */
  modifiedSinceFilter: boolean;
  /** Page size when `limit` is absent. */
  defaultLimit: number;
  /** Largest page (a bigger `limit` is capped to it). */
  maxLimit: number;
  /** Successful token grants per grant_type. */
  grants: Record<string, number>;
}

export const SCOPES = ['read', 'write', 'profile'] as const;
const ID_RE = /^[A-Za-z0-9-]{1,36}$/;

export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Cache-Control': 'no-store', ...headers }, json: { error, error_description: description } };
}

const apiError = (status: number, error: string, description: string, headers: Record<string, string> = {}): ApiResponse => ({ status, headers, json: { error, error_description: description } });

/** Whether a request changes data (for the drop-after-apply rate). */
export function isWrite(method: string, path: string): boolean {
  return path.startsWith('/data/') && (method === 'POST' || method === 'PATCH' || method === 'DELETE');
}

/** The route key used in stats: ids replaced by {id}. */
export function routeKey(method: string, path: string): string {
  const p = path.split('/').filter((x) => x !== '');
  if (p[0] === 'data' && p.length >= 3) p[2] = '{id}';
  return `${method} /${p.join('/')}`;
}

export function handleApi(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const parts = req.path.split('/').filter((x) => x !== '');
  if (parts.length === 0) {
    if (req.method !== 'GET') return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
    return { status: 200, html: '<!DOCTYPE html>\n<html><head><title>1CRM API</title></head><body><h1>1CRM REST API</h1><p>See /auth, /data, /meta.</p></body></html>\n' };
  }
  if (parts[0] === 'auth' && parts[1] === 'user' && parts[2] === 'access_token' && parts.length === 3) {
    if (req.method !== 'POST') return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
    return tokenEndpoint(ctx, req);
  }
  if (parts[0] !== 'data' && parts[0] !== 'meta') return apiError(404, 'not_found', `No route for ${req.path}`);
  const auth = authenticate(ctx, req);
  if ('status' in auth) return auth;
  const token = auth.token;
  const needs = req.method === 'GET' ? 'read' : 'write';
  if (!token.scope.includes(needs)) return apiError(403, 'insufficient_scope', `The access token lacks the '${needs}' scope`, { 'WWW-Authenticate': `Bearer realm="1CRM", error="insufficient_scope", scope="${needs}"` });
  if (parts[0] === 'meta') {
    if (parts[1] !== 'fields' || parts.length !== 3) return apiError(404, 'not_found', `No route for ${req.path}`);
    if (req.method !== 'GET') return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
    const model = ctx.state.model(parts[2] as string);
    if (!model) return apiError(404, 'not_found', `Unknown model '${parts[2]}'`);
    return { status: 200, json: meta(ctx, model) };
  }
  const model = ctx.state.model(parts[1] ?? '');
  if (!model) return apiError(404, 'not_found', `Unknown model '${parts[1] ?? ''}'`);
  const id = parts[2];
  if (parts.length === 2) {
    if (req.method === 'GET') return list(ctx, model, ctx.state.rows(model.name), req.query);
    if (req.method === 'POST') return model.readOnly ? apiError(405, 'method_not_allowed', `${model.name} is read-only`) : create(ctx, model, req, token);
    return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
  }
  if (id === undefined || !ID_RE.test(id)) return apiError(400, 'invalid_request', `Invalid id '${id ?? ''}'`);
  if (parts.length === 3) {
    if (req.method === 'GET') {
      const row = ctx.state.get(model.name, id);
      if (!row) return apiError(404, 'not_found', `${model.name} '${id}' not found`);
      const fields = selectFields(model, req.query);
      if ('status' in fields) return fields;
      return { status: 200, json: { record: project(row, fields.list) } };
    }
    if (model.readOnly) return apiError(405, 'method_not_allowed', `${model.name} is read-only`);
    if (req.method === 'PATCH') return patch(ctx, model, id, req, token);
    if (req.method === 'DELETE') {
      if (!ctx.state.remove(model.name, id)) return apiError(404, 'not_found', `${model.name} '${id}' not found`);
      return { status: 200, json: { id } };
    }
    return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
  }
  if (parts.length === 4) {
    if (req.method !== 'GET') return apiError(405, 'method_not_allowed', `Method ${req.method} not allowed`);
    if (!ctx.state.get(model.name, id)) return apiError(404, 'not_found', `${model.name} '${id}' not found`);
    const link = model.links.find((l) => l.name === parts[3]);
    const target = link ? ctx.state.model(link.model) : undefined;
    if (!link || !target) return apiError(404, 'not_found', `${model.name} has no link '${parts[3]}'`);
    return list(ctx, target, ctx.state.rows(target.name).filter((r) => r[link.via] === id), req.query);
  }
  return apiError(404, 'not_found', `No route for ${req.path}`);
}

// ---- OAuth 2 ----

function header(req: ApiRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function parseTokenBody(req: ApiRequest): Record<string, string> | null {
  const ct = header(req, 'content-type').toLowerCase();
  if (ct.startsWith('application/json')) {
    try {
      const v = JSON.parse(req.body) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
      return out;
    } catch {
      return null;
    }
  }
  if (ct.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(req.body));
  return null;
}

function tokenEndpoint(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const { state } = ctx;
  const p = parseTokenBody(req);
  if (!p) return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded or application/json');
  let clientId = p.client_id ?? '';
  let clientSecret = p.client_secret ?? '';
  const authz = header(req, 'authorization');
  if (/^basic /i.test(authz)) {
    const decoded = Buffer.from(authz.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) {
      clientId = decodeURIComponent(decoded.slice(0, i));
      clientSecret = decodeURIComponent(decoded.slice(i + 1));
    }
  }
  const grant = p.grant_type ?? '';
  if (grant === '') return oauthError(400, 'invalid_request', 'The request is missing the grant_type parameter');
  if (!['password', 'client_credentials', 'refresh_token', 'authorization_code'].includes(grant)) return oauthError(400, 'unsupported_grant_type', `The authorization grant type '${grant}' is not supported`);
  if (clientId === '') return oauthError(400, 'invalid_request', 'The request is missing the client_id parameter');
  const client = state.clients.get(clientId);
  if (!client || (client.confidential && client.client_secret !== clientSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed', { 'WWW-Authenticate': 'Basic realm="1CRM"' });
  }
  let scope: string[] = [...SCOPES];
  if (p.scope !== undefined && p.scope.trim() !== '') {
    scope = p.scope.trim().split(/\s+/);
    const bad = scope.find((s) => !(SCOPES as readonly string[]).includes(s));
    if (bad !== undefined) return oauthError(400, 'invalid_scope', `The requested scope '${bad}' is invalid`);
  }
  const issue = (userId: string, withRefresh: boolean, granted: string[]): ApiResponse => {
    const at = state.issueAccessToken(userId, clientId, granted, grant);
    const body: Record<string, unknown> = { token_type: 'Bearer', expires_in: state.accessTokenTtlSec, access_token: at.token };
    if (withRefresh) body.refresh_token = state.issueRefreshToken(userId, clientId, granted).token;
    ctx.grants[grant] = (ctx.grants[grant] ?? 0) + 1;
    return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, json: body };
  };
  switch (grant) {
    case 'password': {
      if (!client.confidential) return oauthError(400, 'unauthorized_client', 'The client is not authorized to use the password grant');
      if (!p.username || p.password === undefined) return oauthError(400, 'invalid_request', 'The request is missing the username or password parameter');
      const u = state.userByName(p.username);
      if (!u || u.status !== 'Active' || state.passwords.get(u.id as string) !== p.password) return oauthError(400, 'invalid_grant', 'The user credentials were incorrect');
      return issue(u.id as string, true, scope);
    }
    case 'client_credentials': {
      const u = client.serviceUser ? state.userByName(client.serviceUser) : undefined;
      if (!client.confidential || !client.serviceUser) return oauthError(400, 'unauthorized_client', 'The client is not authorized to use the client_credentials grant');
      if (!u || u.status !== 'Active') return oauthError(400, 'invalid_grant', 'The client\'s user is not active');
      return issue(u.id as string, false, scope);
    }
    case 'refresh_token': {
      const rt = state.refreshTokens.get(p.refresh_token ?? '');
      if (!rt || rt.clientId !== clientId || state.now() >= rt.expiresAt) return oauthError(400, 'invalid_grant', 'The refresh token is invalid');
      const u = state.get('User', rt.userId);
      if (!u || u.status !== 'Active') return oauthError(400, 'invalid_grant', 'The refresh token is invalid');
      const granted = p.scope !== undefined && p.scope.trim() !== '' ? scope : rt.scope;
      if (granted.some((s) => !rt.scope.includes(s))) return oauthError(400, 'invalid_scope', 'The requested scope exceeds the scope granted originally');
      if (state.rotateRefreshTokens) {
        state.refreshTokens.delete(rt.token);
        return issue(rt.userId, true, granted);
      }
      const at = state.issueAccessToken(rt.userId, clientId, granted, grant);
      ctx.grants[grant] = (ctx.grants[grant] ?? 0) + 1;
      return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, json: { token_type: 'Bearer', expires_in: state.accessTokenTtlSec, access_token: at.token, refresh_token: rt.token } };
    }
    default:
      return oauthError(400, 'invalid_grant', 'The authorization code is invalid');
  }
}

function authenticate(ctx: ApiContext, req: ApiRequest): { token: AccessToken } | ApiResponse {
  const authz = header(req, 'authorization');
  const challenge = (error: string, description: string): ApiResponse =>
    apiError(401, error, description, { 'WWW-Authenticate': error === 'invalid_token' ? `Bearer realm="1CRM", error="invalid_token"` : 'Bearer realm="1CRM"' });
  if (/^basic /i.test(authz)) return challenge('unauthorized', 'HTTP Basic authentication is disabled');
  const m = /^bearer\s+(\S+)$/i.exec(authz);
  if (!m) return challenge('unauthorized', 'An access token is required');
  const token = ctx.state.useAccessToken(m[1] as string);
  if (!token) return challenge('invalid_token', 'The access token is invalid or has expired');
  return { token };
}

// ---- data ----

function meta(ctx: ApiContext, model: ModelDef): unknown {
  const fields: Record<string, unknown> = {};
  for (const fd of model.fields) {
    const out: Record<string, unknown> = { name: fd.name, type: fd.type, label: fd.label, required: fd.required ?? false, readonly: fd.readonly ?? false };
    if (fd.len !== undefined) out.len = fd.len;
    if (fd.options) out.options = fd.options;
    if (fd.model) out.model = fd.model;
    fields[fd.name] = out;
  }
  const filters: Record<string, unknown> = {};
  for (const fl of offeredFilters(ctx, model)) filters[fl.name] = { name: fl.name, label: fl.label, field: fl.field, operator: fl.operator, type: fl.type };
  return { model: model.name, fields, filters, links: model.links.map((l) => ({ name: l.name, model: l.model })) };
}

function offeredFilters(ctx: ApiContext, model: ModelDef): FilterDef[] {
  return model.filters.filter((fl) => ctx.modifiedSinceFilter || fl !== MODIFIED_SINCE);
}

/** `fields[]=a&fields[]=b` (also `fields[0]=a`, or `fields=a,b`); null = all fields. */
function selectFields(model: ModelDef, q: URLSearchParams): { list: string[] | null } | ApiResponse {
  const names: string[] = [];
  for (const [k, v] of q) {
    if (/^fields\[\d*\]$/.test(k)) names.push(v);
    else if (k === 'fields') names.push(...v.split(',').filter((x) => x !== ''));
  }
  if (names.length === 0) return { list: null };
  const bad = names.find((n) => !fieldDef(model, n));
  if (bad !== undefined) return apiError(400, 'invalid_request', `Unknown field '${bad}' for model ${model.name}`);
  return { list: names };
}

function project(row: Rec, fields: string[] | null): Rec {
  if (fields === null) return { ...row };
  const out: Rec = { id: row.id ?? null };
  for (const f of fields) out[f] = row[f] ?? null;
  return out;
}

function intParam(q: URLSearchParams, name: string, dflt: number, min: number): number | ApiResponse {
  const raw = q.get(name);
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) return apiError(400, 'invalid_request', `Parameter '${name}' must be an integer >= ${min}`);
  return n;
}

function compare(a: Value | undefined, b: Value | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

function list(ctx: ApiContext, model: ModelDef, rows: Rec[], q: URLSearchParams): ApiResponse {
  const offset = intParam(q, 'offset', 0, 0);
  if (typeof offset !== 'number') return offset;
  const limitRaw = intParam(q, 'limit', ctx.defaultLimit, 1);
  if (typeof limitRaw !== 'number') return limitRaw;
  const limit = Math.min(limitRaw, ctx.maxLimit);
  const fields = selectFields(model, q);
  if ('status' in fields) return fields;
  const offered = offeredFilters(ctx, model);
  let out = rows;
  for (const [k, v] of q) {
    const m = /^filters\[([^\]]+)\]$/.exec(k);
    if (!m) continue;
    const fl = offered.find((x) => x.name === m[1]);
    if (!fl) return apiError(400, 'invalid_request', `Unknown filter '${m[1]}' for model ${model.name}`);
    if (fl.operator === 'gte') {
      const since = parseCrmDate(v);
      if (Number.isNaN(since)) return apiError(400, 'invalid_request', `Filter '${fl.name}' needs a date-time 'Y-m-d H:i:s' (UTC) or ISO 8601, got '${v}'`);
      out = out.filter((r) => typeof r[fl.field] === 'string' && parseCrmDate(r[fl.field] as string) >= since);
    } else if (fl.type === 'ref' || fl.type === 'id') {
      out = out.filter((r) => (r[fl.field] ?? '') === v);
    } else {
      const want = v.toLowerCase();
      out = out.filter((r) => String(r[fl.field] ?? '').toLowerCase() === want);
    }
  }
  const order = (q.get('order') ?? '').trim();
  if (order !== '') {
    const keys: { field: string; desc: boolean }[] = [];
    for (const part of order.split(',')) {
      const m = /^\s*(-)?([A-Za-z0-9_]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
      if (!m || !fieldDef(model, m[2] as string)) return apiError(400, 'invalid_request', `Invalid order '${order}'`);
      keys.push({ field: m[2] as string, desc: m[1] === '-' || (m[3] ?? '').toLowerCase() === 'desc' });
    }
    out = [...out].sort((a, b) => {
      for (const key of keys) {
        const c = compare(a[key.field], b[key.field]);
        if (c !== 0) return key.desc ? -c : c;
      }
      return 0;
    });
  }
  return { status: 200, json: { records: out.slice(offset, offset + limit).map((r) => project(r, fields.list)), total_results: out.length } };
}

function parseDataBody(req: ApiRequest): { data: Record<string, unknown>; create?: unknown } | ApiResponse {
  let v: unknown;
  try {
    v = JSON.parse(req.body);
  } catch {
    return apiError(400, 'invalid_request', 'The request body is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return apiError(400, 'invalid_request', 'The request body must be a JSON object');
  const o = v as Record<string, unknown>;
  const data = o.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return apiError(400, 'invalid_request', "The request body needs a 'data' object");
  return { data: data as Record<string, unknown>, create: o.create };
}

function create(ctx: ApiContext, model: ModelDef, req: ApiRequest, token: AccessToken): ApiResponse {
  const body = parseDataBody(req);
  if ('status' in body) return body;
  try {
    const { row } = ctx.state.write(model.name, body.data, token.userId);
    return { status: 200, json: { id: row.id } };
  } catch (err) {
    if (err instanceof WriteError) return apiError(err.status, err.status === 404 ? 'not_found' : 'invalid_request', err.message);
    throw err;
  }
}

function patch(ctx: ApiContext, model: ModelDef, id: string, req: ApiRequest, token: AccessToken): ApiResponse {
  const body = parseDataBody(req);
  if ('status' in body) return body;
  if (body.create !== undefined && typeof body.create !== 'boolean') return apiError(400, 'invalid_request', "'create' must be a boolean");
  try {
    const { row } = ctx.state.write(model.name, body.data, token.userId, { id, create: body.create === true });
    return { status: 200, json: { id: row.id } };
  } catch (err) {
    if (err instanceof WriteError) return apiError(err.status, err.status === 404 ? 'not_found' : 'invalid_request', err.message);
    throw err;
  }
}

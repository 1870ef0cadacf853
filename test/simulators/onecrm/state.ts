// In-memory "database" of the simulated 1CRM: one table per model, users with passwords, OAuth clients and tokens.
import { randomBytes, randomUUID } from 'node:crypto';
import { MODELS, fieldDef, modelDef, type ModelDef } from './models.js';

export type Value = string | number | boolean | null;
export type Rec = Record<string, Value>;

export interface SimUserInput {
  user_name: string;
  password: string;
  first_name?: string;
  last_name?: string;
  email1?: string;
  is_admin?: boolean;
  status?: 'Active' | 'Inactive';
  /** Fixed id (default: '1' for the first user, else a UUID). */
  id?: string;
}

export interface SimClientInput {
  client_id: string;
  /** Empty for a public client. */
  client_secret: string;
  /** A private (confidential) client: only these may use the password grant. */
  confidential: boolean;
  /** The user a client_credentials token acts as (user_name). Without it the client cannot use that grant. */
  serviceUser?: string;
}

export interface AccessToken {
  token: string;
  userId: string;
  clientId: string;
  scope: string[];
  grant: string;
  expiresAt: number;
}

export interface RefreshToken {
  token: string;
  userId: string;
  clientId: string;
  scope: string[];
  expiresAt: number;
}

/** 'Y-m-d H:i:s' in UTC, one-second resolution. */
export function crmDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses 'Y-m-d H:i:s' (UTC) or an ISO 8601 date-time with zone; NaN when neither. */
export function parseCrmDate(s: string): number {
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return Date.parse(s.replace(' ', 'T') + 'Z');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return Date.parse(s);
  return Number.NaN;
}

export interface StateOptions {
  now?: () => number;
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  rotateRefreshTokens?: boolean;
}

export class WriteError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export class OneCrmState {
  readonly now: () => number;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  rotateRefreshTokens: boolean;
  /** Per model: id → row, including deleted rows (`deleted` kept outside the row in `deletedIds`). */
  readonly tables = new Map<string, Map<string, Rec>>();
  readonly deletedIds = new Map<string, Set<string>>();
  readonly passwords = new Map<string, string>();
  readonly clients = new Map<string, SimClientInput>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  private caseNumber = 0;

  constructor(opts: StateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.accessTokenTtlSec = opts.accessTokenTtlSec ?? 3600;
    this.refreshTokenTtlSec = opts.refreshTokenTtlSec ?? 14 * 86400;
    this.rotateRefreshTokens = opts.rotateRefreshTokens ?? true;
    for (const m of MODELS) {
      this.tables.set(m.name, new Map());
      this.deletedIds.set(m.name, new Set());
    }
  }

  model(name: string): ModelDef | undefined {
    return modelDef(name);
  }

  table(name: string): Map<string, Rec> {
    const t = this.tables.get(name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }

  isDeleted(model: string, id: string): boolean {
    return this.deletedIds.get(model)?.has(id) ?? false;
  }

  /** A live (not deleted) row. */
  get(model: string, id: string): Rec | undefined {
    const row = this.tables.get(model)?.get(id);
    return row && !this.isDeleted(model, id) ? row : undefined;
  }

  /** Live rows in insertion order. */
  rows(model: string): Rec[] {
    const del = this.deletedIds.get(model) ?? new Set<string>();
    return [...this.table(model).values()].filter((r) => !del.has(r.id as string));
  }

  // ---- users, clients, tokens ----
  addUser(u: SimUserInput): Rec {
    const users = this.table('User');
    const id = u.id ?? (users.size === 0 ? '1' : randomUUID());
    const ts = crmDate(this.now());
    const row: Rec = {
      id,
      user_name: u.user_name,
      first_name: u.first_name ?? null,
      last_name: u.last_name ?? u.user_name,
      email1: u.email1 ?? null,
      status: u.status ?? 'Active',
      is_admin: u.is_admin ?? false,
      date_entered: ts,
      date_modified: ts,
    };
    users.set(id, row);
    this.passwords.set(id, u.password);
    return row;
  }

  userByName(userName: string): Rec | undefined {
    for (const u of this.rows('User')) if (u.user_name === userName) return u;
    return undefined;
  }

  /** An admin changes a user's password in the CRM; issued tokens stay valid until they expire [assumed]. */
  setPassword(userName: string, password: string): void {
    const u = this.userByName(userName);
    if (!u) throw new Error(`no user ${userName}`);
    this.passwords.set(u.id as string, password);
  }

  setUserStatus(userName: string, status: 'Active' | 'Inactive'): void {
    const u = this.userByName(userName);
    if (!u) throw new Error(`no user ${userName}`);
    u.status = status;
  }

  addClient(c: SimClientInput): void {
    this.clients.set(c.client_id, { ...c });
  }

  /** An admin regenerates a client's secret: new token requests with the old one fail (issued tokens stay valid). */
  setClientSecret(clientId: string, secret: string): void {
    const c = this.clients.get(clientId);
    if (!c) throw new Error(`no client ${clientId}`);
    c.client_secret = secret;
  }

  issueAccessToken(userId: string, clientId: string, scope: string[], grant: string): AccessToken {
    const t: AccessToken = { token: randomBytes(20).toString('hex'), userId, clientId, scope, grant, expiresAt: this.now() + this.accessTokenTtlSec * 1000 };
    this.accessTokens.set(t.token, t);
    return t;
  }

  issueRefreshToken(userId: string, clientId: string, scope: string[]): RefreshToken {
    const t: RefreshToken = { token: randomBytes(20).toString('hex'), userId, clientId, scope, expiresAt: this.now() + this.refreshTokenTtlSec * 1000 };
    this.refreshTokens.set(t.token, t);
    return t;
  }

  /** The live access token for a bearer string, or null (unknown, expired, or its user is no longer active). */
  useAccessToken(token: string): AccessToken | null {
    const t = this.accessTokens.get(token);
    if (!t) return null;
    if (this.now() >= t.expiresAt) {
      this.accessTokens.delete(token);
      return null;
    }
    const u = this.get('User', t.userId);
    if (!u || u.status !== 'Active') return null;
    return t;
  }

  /** Every access token becomes invalid (refresh tokens stay): the next call answers 401 invalid_token. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Every refresh token becomes invalid: a refresh answers invalid_grant. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  // ---- records ----
  /**
   * Creates (no `id`, or `create` with an unknown id) or updates a row as `actorId`; bumps date_modified. Unknown
   * fields, bad enum values, dangling references and missing required fields are a WriteError(400); an unknown
   * id without `create` a WriteError(404).
   */
  write(model: string, values: Record<string, unknown>, actorId = '1', opts: { id?: string; create?: boolean } = {}): { row: Rec; created: boolean } {
    const mod = this.model(model);
    if (!mod) throw new Error(`no model ${model}`);
    const table = this.table(model);
    for (const [k, v] of Object.entries(values)) {
      const fd = fieldDef(mod, k);
      if (!fd) throw new WriteError(400, `Unknown field '${k}' for model ${model}`);
      if (fd.readonly) continue;
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new WriteError(400, `Field '${k}' must be a scalar value`);
      const s = v === null ? '' : String(v);
      if (fd.options && !fd.options.includes(s) && !(s === '' && !fd.required)) throw new WriteError(400, `Invalid value '${s}' for field '${k}'`);
      if (fd.len !== undefined && s.length > fd.len) throw new WriteError(400, `Value of field '${k}' is longer than ${fd.len}`);
      if (fd.type === 'ref' && s !== '' && fd.model && !this.get(fd.model, s)) throw new WriteError(400, `Field '${k}': no ${fd.model} with id '${s}'`);
    }
    const ts = crmDate(this.now());
    let row = opts.id !== undefined ? table.get(opts.id) : undefined;
    if (row && this.isDeleted(model, opts.id as string)) {
      if (!opts.create) throw new WriteError(404, `${model} '${opts.id}' not found`);
      // A PATCH create:true on a deleted id brings it back as a new record [assumed].
      this.deletedIds.get(model)?.delete(opts.id as string);
      table.delete(opts.id as string);
      row = undefined;
    }
    let created = false;
    if (!row) {
      if (opts.id !== undefined && !opts.create) throw new WriteError(404, `${model} '${opts.id}' not found`);
      for (const fd of mod.fields) if (fd.required && !fd.readonly && (values[fd.name] === undefined || values[fd.name] === null || values[fd.name] === '')) throw new WriteError(400, `Field '${fd.name}' is required`);
      row = {};
      for (const fd of mod.fields) row[fd.name] = fd.type === 'bool' ? false : null;
      row.id = opts.id ?? randomUUID();
      row.date_entered = ts;
      row.created_by = actorId;
      if ('assigned_user_id' in row) row.assigned_user_id = actorId;
      if (model === 'Case') row.case_number = ++this.caseNumber;
      table.set(row.id as string, row);
      created = true;
    } else {
      for (const fd of mod.fields) if (fd.required && !fd.readonly && k(values, fd.name) && (values[fd.name] === null || values[fd.name] === '')) throw new WriteError(400, `Field '${fd.name}' is required`);
    }
    for (const [key, v] of Object.entries(values)) {
      const fd = fieldDef(mod, key);
      if (!fd || fd.readonly) continue;
      row[key] = v === '' || v === null ? (fd.type === 'bool' ? false : null) : fd.type === 'bool' ? v === true || v === 1 || v === '1' || v === 'true' : fd.type === 'int' ? Number(v) : String(v);
    }
    row.date_modified = ts;
    if ('modified_user_id' in row) row.modified_user_id = actorId;
    return { row, created };
  }

  /** Marks a row deleted: it disappears from the API (no tombstones are listed) [assumed]. */
  remove(model: string, id: string): boolean {
    if (!this.get(model, id)) return false;
    this.deletedIds.get(model)?.add(id);
    const row = this.table(model).get(id);
    if (row) row.date_modified = crmDate(this.now());
    return true;
  }
}

function k(o: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

export { fieldDef };

// In-memory "database" of the simulated SugarCRM: one table per module, accounts_contacts, users, sessions.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MODULES, moduleDef, type ModuleDef } from './modules.js';

export type Rec = Record<string, string>;

export interface SimUserInput {
  user_name: string;
  password: string;
  first_name?: string;
  last_name?: string;
  email1?: string;
  is_admin?: boolean;
  status?: 'Active' | 'Inactive';
  /** Fixed id (default: '1' for the first admin, else a UUID). */
  id?: string;
}

interface Session {
  userId: string;
  lastUse: number;
  calls: number;
}

interface AccountContact {
  id: string;
  account_id: string;
  contact_id: string;
  date_modified: string;
  deleted: '0' | '1';
}

/** 'Y-m-d H:i:s' in UTC, as SugarCRM stores date_modified. */
export function sugarDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export interface SugarSnapshot {
  tables: Record<string, Rec[]>;
  passwords: [string, string][];
  accountsContacts: AccountContact[];
  counters: { caseNumber: number; invoiceNumber: number };
}

export interface StateOptions {
  now?: () => number;
  aosModules?: boolean;
  sessionIdleMs?: number;
}

export class SugarState {
  readonly now: () => number;
  readonly aosModules: boolean;
  sessionIdleMs: number;
  /** Per module name: id → row (insertion order is the default listing order). */
  readonly tables = new Map<string, Map<string, Rec>>();
  readonly passwords = new Map<string, string>();
  readonly accountsContacts: AccountContact[] = [];
  private readonly sessions = new Map<string, Session>();
  private caseNumber = 0;
  private invoiceNumber = 0;
  /** Invalidate sessions after this many accepted calls (fault knob; null = off). */
  sessionExpiryAfterCalls: number | null = null;

  constructor(opts: StateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.aosModules = opts.aosModules ?? false;
    this.sessionIdleMs = opts.sessionIdleMs ?? 1440_000;
    for (const m of MODULES) this.tables.set(m.name, new Map());
  }

  /** Everything the database holds (not sessions), as plain JSON: a demo keeps it between starts. */
  snapshot(): SugarSnapshot {
    return {
      tables: Object.fromEntries([...this.tables].map(([k, t]) => [k, [...t.values()]])),
      passwords: [...this.passwords],
      accountsContacts: this.accountsContacts.map((r) => ({ ...r })),
      counters: { caseNumber: this.caseNumber, invoiceNumber: this.invoiceNumber },
    };
  }

  /** Replaces the database with a snapshot (sessions are dropped: clients log in again). */
  restore(snap: SugarSnapshot): void {
    for (const [k, t] of this.tables) {
      t.clear();
      for (const row of snap.tables[k] ?? []) t.set(String(row['id']), { ...row });
    }
    this.passwords.clear();
    for (const [id, pw] of snap.passwords) this.passwords.set(id, pw);
    this.accountsContacts.splice(0, this.accountsContacts.length, ...snap.accountsContacts.map((r) => ({ ...r })));
    this.sessions.clear();
    this.caseNumber = snap.counters.caseNumber;
    this.invoiceNumber = snap.counters.invoiceNumber;
  }

  module(name: string): ModuleDef | undefined {
    return moduleDef(name, this.aosModules);
  }

  table(name: string): Map<string, Rec> {
    const t = this.tables.get(name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }

  // ---- users and sessions ----
  addUser(u: SimUserInput): Rec {
    const users = this.table('Users');
    const id = u.id ?? (users.size === 0 && u.is_admin !== false ? '1' : randomUUID());
    const ts = sugarDate(this.now());
    const row: Rec = {
      id,
      user_name: u.user_name,
      first_name: u.first_name ?? '',
      last_name: u.last_name ?? u.user_name,
      is_admin: u.is_admin ? '1' : '0',
      status: u.status ?? 'Active',
      employee_status: 'Active',
      email1: u.email1 ?? '',
      date_entered: ts,
      date_modified: ts,
      deleted: '0',
    };
    users.set(id, row);
    this.passwords.set(id, u.password);
    return row;
  }

  userByName(userName: string): Rec | undefined {
    for (const u of this.table('Users').values()) if (u.user_name === userName && u.deleted === '0') return u;
    return undefined;
  }

  /** Changes a user's password (what an admin does in the CRM); open sessions stay valid, as PHP sessions do. */
  setPassword(userName: string, password: string): void {
    const u = this.userByName(userName);
    if (!u) throw new Error(`no user ${userName}`);
    this.passwords.set(u.id as string, password);
  }

  openSession(userId: string): string {
    const id = randomBytes(13).toString('hex');
    this.sessions.set(id, { userId, lastUse: this.now(), calls: 0 });
    return id;
  }

  /** The user id of a live session (counts the call), or null when unknown or expired. */
  useSession(id: unknown): string | null {
    if (typeof id !== 'string') return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const now = this.now();
    if (now - s.lastUse > this.sessionIdleMs || (this.sessionExpiryAfterCalls !== null && s.calls >= this.sessionExpiryAfterCalls)) {
      this.sessions.delete(id);
      return null;
    }
    s.lastUse = now;
    s.calls++;
    return s.userId;
  }

  closeSession(id: string): void {
    this.sessions.delete(id);
  }

  /** Drops every open session (the "session expired" knob). */
  expireSessions(): void {
    this.sessions.clear();
  }

  resetSessionCounters(): void {
    for (const s of this.sessions.values()) s.calls = 0;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  // ---- records ----
  /** Inserts or updates a row "as a CRM user" (bumps date_modified unless `keepDate`). */
  write(moduleName: string, values: Rec, actorId = '1', opts: { keepDate?: boolean; newWithId?: boolean } = {}): Rec | null {
    const mod = this.module(moduleName);
    if (!mod) throw new Error(`no module ${moduleName}`);
    const table = this.table(moduleName);
    const ts = sugarDate(this.now());
    const id = values.id;
    let row: Rec;
    if (id && !opts.newWithId) {
      const existing = table.get(id);
      if (!existing || existing.deleted === '1') return null;
      row = existing;
    } else {
      row = {};
      for (const fd of mod.fields) if (fd.db || fd.name === 'email1') row[fd.name] = '';
      row.id = id || randomUUID();
      row.date_entered = ts;
      row.deleted = '0';
      if ('created_by' in row) row.created_by = actorId;
      if ('assigned_user_id' in row) row.assigned_user_id = actorId;
      if (moduleName === 'Cases') row.case_number = String(++this.caseNumber);
      if (moduleName === 'AOS_Invoices') row.number = String(++this.invoiceNumber);
      table.set(row.id as string, row);
    }
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id' || k === 'date_entered' || k === 'case_number') continue;
      if (k === 'date_modified' && !opts.keepDate) continue;
      const fd = mod.fields.find((x) => x.name === k);
      if (!fd) continue;
      if (moduleName === 'Contacts' && k === 'account_id') {
        this.linkAccountContact(v, row.id as string, true);
        continue;
      }
      if (!fd.db && k !== 'email1') continue;
      row[k] = k === 'deleted' ? (v === '1' || v === 'true' ? '1' : '0') : v;
    }
    if ('modified_user_id' in row) row.modified_user_id = actorId;
    if (!opts.keepDate || !values.date_modified) row.date_modified = ts;
    return row;
  }

  /** Soft-deletes a row (deleted = 1, date_modified bumped), as the CRM's UI does. */
  softDelete(moduleName: string, id: string): void {
    const row = this.table(moduleName).get(id);
    if (!row) throw new Error(`no ${moduleName} ${id}`);
    row.deleted = '1';
    row.date_modified = sugarDate(this.now());
    if (moduleName === 'Contacts' || moduleName === 'Accounts') {
      for (const r of this.accountsContacts) if (r.deleted === '0' && (r.contact_id === id || r.account_id === id)) r.deleted = '1';
    }
  }

  /** Links (or, with `replace`, re-links) a contact to an account. Does NOT touch either record's date_modified. */
  linkAccountContact(accountId: string, contactId: string, replace = false): boolean {
    const ts = sugarDate(this.now());
    if (replace) {
      for (const r of this.accountsContacts) {
        if (r.contact_id === contactId && r.deleted === '0' && r.account_id !== accountId) {
          r.deleted = '1';
          r.date_modified = ts;
        }
      }
    }
    if (accountId === '') return true;
    const acc = this.table('Accounts').get(accountId);
    if (!acc || acc.deleted === '1') return false;
    if (this.accountsContacts.some((r) => r.account_id === accountId && r.contact_id === contactId && r.deleted === '0')) return true;
    this.accountsContacts.push({ id: randomUUID(), account_id: accountId, contact_id: contactId, date_modified: ts, deleted: '0' });
    return true;
  }

  unlinkAccountContact(accountId: string, contactId: string): boolean {
    let n = 0;
    for (const r of this.accountsContacts) {
      if (r.account_id === accountId && r.contact_id === contactId && r.deleted === '0') {
        r.deleted = '1';
        r.date_modified = sugarDate(this.now());
        n++;
      }
    }
    return n > 0;
  }

  contactsOfAccount(accountId: string): string[] {
    return this.accountsContacts.filter((r) => r.account_id === accountId && r.deleted === '0').map((r) => r.contact_id);
  }

  accountsOfContact(contactId: string): string[] {
    return this.accountsContacts.filter((r) => r.contact_id === contactId && r.deleted === '0').map((r) => r.account_id);
  }

  /** A row as the API shows it: stored columns plus the computed non-db fields. */
  view(moduleName: string, row: Rec): Rec {
    const out: Rec = { ...row };
    const users = this.table('Users');
    if ('assigned_user_id' in row) {
      const u = users.get(row.assigned_user_id ?? '');
      out.assigned_user_name = u ? fullName(u) : '';
    }
    if (moduleName === 'Contacts') {
      out.name = [row.first_name, row.last_name].filter((x) => x).join(' ');
      const acc = this.accountsOfContact(row.id as string)[0];
      out.account_id = acc ?? '';
      out.account_name = acc ? (this.table('Accounts').get(acc)?.name ?? '') : '';
    }
    if (moduleName === 'Cases') out.account_name = this.table('Accounts').get(row.account_id ?? '')?.name ?? '';
    if (moduleName === 'Users') {
      out.full_name = fullName(row);
      out.name = out.full_name;
    }
    return out;
  }
}

export function fullName(u: Rec): string {
  return [u.first_name, u.last_name].filter((x) => x).join(' ');
}

import type { z } from 'zod';
import type { EntityData, EntityName } from '../../shared/entities.js';
import type { TestCategory } from '../../shared/errors.js';

/** A connection as a connector sees it: resolved, validated, secrets included (never persisted from here). */
export interface ConnectionConfig {
  id: string;
  kind: string;
  name: string;
  url: string;
  username: string | null;
  /** Non-secret options, already validated against the factory's optionsSchema. */
  options: Record<string, string>;
}

export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export interface ConnectorContext {
  config: ConnectionConfig;
  /**
   * Secrets read from the keychain, by name (e.g. `password`, `apiKey`). Never log them. Holds every secret of the
   * factory's `secretNames` the connection needs, and those of its `storedSecretNames` that are stored.
   */
  secrets: Record<string, string>;
  log: Logger;
  /**
   * Stores (or, with `null`, forgets) one of the factory's `storedSecretNames` for this connection in the OS keychain
   * — e.g. an OAuth refresh token the server issued, so the next process starts with it. Absent where nothing can be
   * stored (capability probes, unit tests). It never rejects for a keychain failure: the app logs a warning (the name,
   * never the value) and the connector goes on with the value in memory. Rejects only for a name that is not among
   * `storedSecretNames` (a connector never overwrites what the admin entered).
   */
  saveSecret?(name: string, value: string | null): Promise<void>;
}

export interface TestResult {
  category: TestCategory;
  message: string;
  hint: string;
  /** Safe facts the test learned: server version, TLS certificate fingerprint, user id … */
  details?: Record<string, string | number | boolean | null>;
}

export interface PreflightCheck {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'warn';
  message: string;
  hint: string;
}

/** A record as read from a system: its native id, the canonical data and change facts. */
export interface RemoteRecord<E extends EntityName = EntityName> {
  id: string;
  data: EntityData[E];
  /** Opaque version/etag if the system has one. */
  version?: string | null;
  /** Modification time (ISO, UTC) if the system reports one. */
  modifiedAt?: string | null;
  /**
   * Parent candidates in this system's id space (e.g. a Zabbix host's group ids). The engine picks the first
   * one that is linked. When absent, `data.customerId` is the only candidate.
   */
  parents?: string[];
  /** Ferry's stamp found on the record, where the system has a field for it. */
  stamp?: string | null;
}

export interface InvalidRecord {
  id: string | null;
  reason: string;
}

export interface RecordPage<E extends EntityName = EntityName> {
  records: RemoteRecord<E>[];
  /** Records on this page that failed their schema: reported as failed items, never written. */
  invalid: InvalidRecord[];
  page: number;
  pageCount: number | null;
  total: number | null;
  /** Delta reads: ids deleted on this system since the cursor (tombstones). */
  deleted?: string[];
  /**
   * Delta-capable ports: the cursor for the next read, on the last page. It must be the lower bound of the next
   * read — the time this read started, minus the overlap the system needs — never the time it ended.
   */
  nextCursor?: string;
}

export interface ReadOptions {
  /** Restrict to children of these parents (this system's ids), e.g. `ferry run --customer`. */
  customerIds?: string[];
  signal?: AbortSignal;
  /** Delta-capable ports: only what changed since this cursor (null/absent = everything). */
  since?: string | null;
}

export interface WriteContext {
  /** Ferry's stamp for this record; written where the system has a field for it. */
  stamp: string;
  /**
   * Set when two source records would be stored under the same natural key (e.g. the same host group name):
   * the system makes the stored name unique with it (storedForm gets the same value).
   */
  disambiguator?: string;
}

export interface WriteResult {
  id: string;
  version?: string | null;
  /** The record as the system now stores it, if the answer says so (echo suppression). */
  data?: unknown;
}

export interface EntityCapabilities {
  read: boolean;
  write: boolean;
  delete: boolean;
  /** Whether the system can tell what changed since a cursor. */
  delta: boolean;
  /** Whether a written record carries Ferry's stamp (then lookups use it). */
  stamp: boolean;
  /**
   * `lookup` finds a record by its stamp with a targeted request or two (not by reading every record): a delta run
   * then looks up a few new records instead of reading the whole target.
   */
  stampLookup?: boolean;
  /** Canonical field that identifies a record naturally on this system (intent recovery without a stamp). */
  naturalKey: string | null;
  /** Whether records carry a modification time (RemoteRecord.modifiedAt): the newer-wins policy needs it. */
  modifiedAt?: boolean;
  /**
   * Records stand alone on this system (e.g. address-book contacts have no customer): writing them needs no linked
   * parent, so a contact is synced even where its customer is not.
   */
  standalone?: boolean;
  /**
   * A record may have no parent on this system (a CRM contact without an account): one that has no customer on the
   * other side (an address-book contact) is written without one instead of being skipped.
   */
  parentOptional?: boolean;
  /** Why write is off, when it is (shown in the wizard and preflight). */
  note?: string;
}

export interface EntityPort<E extends EntityName = EntityName> {
  entity: E;
  capabilities: EntityCapabilities;
  /** Pages of records. Throws a FerryError when a page cannot be read at all. */
  read(opts: ReadOptions): AsyncIterable<RecordPage<E>>;
  create?(data: EntityData[E], ctx: WriteContext): Promise<WriteResult>;
  update?(id: string, data: EntityData[E], ctx: WriteContext): Promise<WriteResult>;
  delete?(id: string): Promise<void>;
  /** Finds a record written earlier by its stamp or natural key (resolving open write intents after a crash). */
  lookup?(key: { stamp: string; natural: string | null }): Promise<RemoteRecord<E> | null>;
  /**
   * Finds the records written earlier for several stamps in a request or a few (e.g. one CardDAV multiget); stamps
   * with no record are left out. Where a port has it, a delta run's stamp lookups use it instead of `lookup`.
   */
  lookupMany?(stamps: string[]): Promise<RemoteRecord<E>[]>;
  /**
   * The records about to be updated or deleted, before their writes: a port that must read a record before writing
   * it (to keep what Ferry does not map, or for its etag) may read them all at once here. A failure is no error:
   * each write still reads what it needs.
   */
  prefetch?(ids: string[]): Promise<void>;
  /**
   * What a record reads back as after it is written with `data` (e.g. a template applied, a field truncated).
   * The engine compares what it wants to write with what is there through this. Defaults to `data`.
   */
  storedForm?(data: EntityData[E], opts?: { disambiguator?: string }): EntityData[E];
  /** Canonical fields this system keeps; only these take part in comparisons on this side. */
  fields: readonly (keyof EntityData[E] & string)[];
}

/** A user of the system Ferry can act for (impersonation, seed 001): matched to the other side by primary e-mail. */
export interface TargetUser {
  id: string;
  login: string;
  name: string;
  email: string | null;
  active: boolean;
}

export interface Connector {
  readonly kind: string;
  /** The general test, or (with `user`) the per-user test of seed 003: acting for the user with that e-mail. */
  test(opts?: { user?: string }): Promise<TestResult>;
  /** The users this connection can act for, where the system has users. */
  users?(): Promise<TargetUser[]>;
  /**
   * This connection acting for one user (impersonation): only that user's records, written on their behalf. `user`
   * is one of `users()` where the system has a directory, else the matched user of the other side (its e-mail).
   * Throws a FerryError when the connection is not set up for it. Closing it does not close this connection.
   */
  forUser?(user: TargetUser): Connector;
  preflight(): Promise<PreflightCheck[]>;
  entity<E extends EntityName>(name: E): EntityPort<E> | undefined;
  close(): Promise<void>;
}

/** One connection option as a form shows it: a choice from `choices`, or free text. */
export interface OptionField {
  key: string;
  label: string;
  description: string;
  choices?: string[];
  default?: string;
}

export interface ConnectorFactory {
  kind: string;
  label: string;
  /** Test and demo equipment: runs existing connections but is not offered to, nor accepted from, users. */
  hidden?: boolean;
  /** What the admin must gather before connecting (seed 001), shown by the CLI and the wizard. */
  needs: string[];
  /**
   * Acting for each user: `directory` = the system lists its users (`users()`) and acts for them; `per-user` = it
   * has no directory but reaches each user's data by e-mail (`forUser`). Absent: not supported.
   */
  users?: 'directory' | 'per-user';
  /** Secret names this kind uses, the first one is what `--secret-stdin` sets. */
  secretNames: readonly string[];
  /**
   * Entities the tested server turned out not to have, from the details of its last successful connection test
   * (e.g. a SugarCRM without SuiteCRM's AOS modules), each with the reason. Absent: the kind's capabilities hold.
   */
  missingAfterTest?(details: Record<string, unknown>): Partial<Record<EntityName, string>>;
  /**
   * Secrets the connector keeps itself through `ConnectorContext.saveSecret` (e.g. an OAuth refresh token): read into
   * `secrets` when stored, never required (a connection is complete without them), never entered by the admin (not
   * offered by `set-secret` or the window), and forgotten when the admin changes a secret, the URL, the user name or
   * the options of the connection (they were obtained with the old ones). Names must not repeat `secretNames`.
   */
  storedSecretNames?: readonly string[];
  /** Whether a secret is needed with these options (default: every secret is). */
  secretNeeded?(name: string, options: Record<string, string>): boolean;
  optionsSchema: z.ZodType<Record<string, string>>;
  /** The options an admin may set in the window (a subset of optionsSchema's keys), described for a form. */
  optionFields?: OptionField[];
  /** Normalises what the admin typed (e.g. strips a pasted `/REST` or `/api_jsonrpc.php`). Throws FerryError('input'). */
  normalizeUrl(url: string): string;
  create(ctx: ConnectorContext): Connector;
}

// Shared data of the wizard tests: kinds as kinds.list answers them for c-entron and Zabbix, and API answers.
import type { Kind } from '../../shared/contract.js';
import type { EntityName } from '../../shared/entities.js';
import type { Connection, Pipeline, PipelineConfig, RunResult } from '../../shared/model.js';

export const INVOICE_NOTE = "c-entron's web service has no known method to read or write invoices (none is documented or seen in a public client), so Ferry cannot sync invoices with c-entron.";
const readOnly = (plural: string) => `c-entron has no public method to create or change ${plural}: ${plural} are read from c-entron only.`;
const none = (entity: EntityName, note: string) => ({ entity, read: false, write: false, delete: false, modifiedAt: false, note });

/** c-entron's options as kinds.list describes them (main/connectors/centron/index.ts optionFields). */
export const centronOptions: Kind['options'] = [
  { key: 'deviceWrite', label: 'Write devices', description: 'Ferry creates and updates devices with SaveMasterDataList.', choices: ['off', 'confirmed'], default: 'off' },
  { key: 'ticketWrite', label: 'Write tickets', description: 'Ferry writes helpdesk tickets with SaveHelpdesk.', choices: ['off', 'confirmed'], default: 'off' },
  { key: 'loginKind', label: 'Login type', description: '0 = c-entron user, 1 = Windows (AD) login, 2 = customer web account.', choices: ['0', '1', '2'], default: '0' },
  { key: 'caFile', label: 'CA certificate file', description: 'PEM file of your internal certificate authority.' },
  { key: 'pinSha256', label: 'Certificate fingerprint', description: 'SHA-256 fingerprint of a self-signed server certificate.' },
];
/** The options c-entron stores for a connection created without any (the backend fills in the defaults). */
export const centronStoredDefaults = { loginKind: '0', pageSize: '500', deviceWrite: 'off', ticketWrite: 'off', maxConcurrent: '4', timeoutMs: '30000' };

export const centron: Kind = {
  kind: 'centron',
  options: centronOptions,
  label: 'c-entron',
  needs: ['The c-entron web-service URL', 'A c-entron user for Ferry', "That user's password"],
  secretNames: ['password'],
  entities: [
    { entity: 'customer', read: true, write: false, delete: false, modifiedAt: false, note: readOnly('customers') },
    { entity: 'contact', read: true, write: false, delete: false, modifiedAt: false, note: readOnly('contacts') },
    { entity: 'contract', read: true, write: false, delete: false, modifiedAt: false, note: readOnly('contracts') },
    { entity: 'device', read: true, write: false, delete: false, modifiedAt: false, note: 'Device write is off until confirmed.' },
    { entity: 'ticket', read: true, write: false, delete: false, modifiedAt: false, note: 'Ticket write is off until confirmed.' },
    none('invoice', INVOICE_NOTE),
  ],
};

const zabbixNo = (entity: EntityName, plural: string) => none(entity, `Zabbix (6.0 or newer) does not offer ${plural}: Ferry cannot sync ${plural} with it.`);
export const zabbix: Kind = {
  kind: 'zabbix',
  options: [
    { key: 'groupNameTemplate', label: 'Host group name', description: 'How a customer becomes a host group name; placeholders {number} and {name}.', default: '{number} {name}' },
    { key: 'caFile', label: 'CA certificate file', description: 'PEM file of your internal certificate authority.' },
    { key: 'pinSha256', label: 'Certificate fingerprint', description: 'SHA-256 fingerprint of a self-signed server certificate.' },
  ],
  label: 'Zabbix (6.0 or newer)',
  needs: ['The Zabbix frontend URL', 'A Zabbix user with the Super admin role'],
  secretNames: ['password'],
  entities: [
    { entity: 'customer', read: true, write: true, delete: true, modifiedAt: false, note: null },
    zabbixNo('contact', 'contacts'),
    zabbixNo('contract', 'contracts'),
    { entity: 'device', read: true, write: true, delete: true, modifiedAt: false, note: null },
    zabbixNo('ticket', 'tickets'),
    zabbixNo('invoice', 'invoices'),
  ],
};

/** A CRM-like kind whose records carry modification times (for newer-wins). */
export const crm: Kind = {
  kind: 'crm',
  options: [],
  label: 'CRM',
  needs: [],
  secretNames: ['password'],
  entities: (['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'] as const).map((entity) => ({ entity, read: true, write: true, delete: true, modifiedAt: true, note: null })),
};

/** A CRM that lists its users (acting for each user: `directory`), as kinds.list describes SugarCRM. */
export const sugarcrm: Kind = {
  kind: 'sugarcrm',
  options: [],
  label: 'SugarCRM / SuiteCRM',
  needs: [],
  secretNames: ['password'],
  users: 'directory',
  entities: (['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'] as const).map((entity) =>
    entity === 'customer' || entity === 'contact' ? { entity, read: true, write: true, delete: true, modifiedAt: true, note: null } : none(entity, `SugarCRM has no ${entity}s for Ferry.`),
  ),
};

/** An address book reached per user by e-mail (`per-user`) through its option "userBooks"; contacts only. */
export const carddav: Kind = {
  kind: 'carddav',
  options: [
    { key: 'addressBook', label: 'Address book', description: 'Name of the address book.' },
    { key: 'userBooks', label: "Users' address books", description: "For acting for each user: the path of a user's address book with {user} or {email}." },
  ],
  label: 'CardDAV address book',
  needs: [],
  secretNames: ['password'],
  users: 'per-user',
  entities: (['customer', 'contact', 'contract', 'device', 'ticket', 'invoice'] as const).map((entity) =>
    entity === 'contact' ? { entity, read: true, write: true, delete: true, modifiedAt: true, note: null } : none(entity, `An address book keeps contacts only.`),
  ),
};

export const kinds = [centron, zabbix];

let seq = 0;
export function connection(over: Partial<Connection> & { kind: string; name: string }): Connection {
  seq += 1;
  return {
    id: over.id ?? `con_${seq}`,
    url: 'https://example.test/',
    username: 'ferry',
    options: {},
    enabled: true,
    createdAt: '2025-01-01T00:00:00Z',
    modifiedAt: '2025-01-01T00:00:00Z',
    lastTest: null,
    firstUsedAt: null,
    secret: 'set',
    health: 'untested',
    ...over,
  };
}

export const erpRmmSchedule: PipelineConfig['schedule'] = { everyMinutes: 60, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 } };

export function pipeline(over: { name: string; left: Connection; right: Connection; entities?: PipelineConfig['entities']; schedule?: PipelineConfig['schedule']; id?: string }): Pipeline {
  return {
    id: over.id ?? 'pip_1',
    name: over.name,
    left: { id: over.left.id, name: over.left.name, kind: over.left.kind },
    right: { id: over.right.id, name: over.right.name, kind: over.right.kind },
    config: {
      entities: over.entities ?? { customer: { direction: 'to-right', match: 'name', deletePolicy: 'ignore', conflictPolicy: 'manual', onlyActive: true } },
      schedule: over.schedule ?? erpRmmSchedule,
      deleteGuard: { percent: 10, max: 50 },
    },
    paused: true,
    createdAt: '2025-01-01T00:00:00Z',
    modifiedAt: '2025-01-01T00:00:00Z',
    activatedAt: '2025-01-01T00:00:00Z',
  };
}

export const zero = { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, conflicts: 0, failed: 0 };

export function dryRun(pipelineName: string): RunResult {
  return {
    run: 'run_1',
    pipeline: pipelineName,
    pipelineId: 'pip_1',
    mode: 'full',
    dryRun: true,
    trigger: 'manual',
    status: 'dry-run',
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: '2025-01-01T00:00:05Z',
    durationMs: 5000,
    entities: { customer: { ...zero, created: 12, updated: 3, unchanged: 40, conflicts: 1 }, device: { ...zero, created: 7, skipped: 2 } },
    error: null,
    plan: [
      { entity: 'customer', action: 'created', targetSide: 'right', leftId: '1001', rightId: null, reason: null, changes: null },
      { entity: 'customer', action: 'updated', targetSide: 'right', leftId: '1002', rightId: '77', reason: null, changes: { name: { old: 'Müller GmbH', new: 'Müller & Söhne GmbH' } } },
      { entity: 'device', action: 'skipped', targetSide: 'right', leftId: 'D-9', rightId: null, reason: 'customer not synchronized yet', changes: null },
    ],
  };
}

import { z } from 'zod';
import type { EntityName } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import { connectionHttpFields, connectionHttpShape } from '../http/proxy.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort, PreflightCheck, TestResult } from '../types.js';
import { CentronClient, normalizeCentronUrl } from './client.js';
import { contactsPort } from './contacts.js';
import { contractsPort } from './contracts.js';
import { customersPort } from './customers.js';
import { devicesPort } from './devices.js';
import { invoicesPort } from './invoices.js';
import { describeIssues } from './methods.js';
import { runPreflight } from './preflight.js';
import { testConnection } from './test.js';
import { ticketsPort, ticketWriteCheck } from './tickets.js';

const wholeNumber = (min: number, max: number, def: string) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .refine((v) => Number(v) >= min && Number(v) <= max, `must be between ${min} and ${max}`)
    .default(def);

/** Non-secret options of a c-entron connection (all strings, as typed with --option key=value). */
export const CentronOptions = z.strictObject({
  /** 0 = c-entron user, 1 = forced AD (Windows) login, 2 = customer web account. */
  loginKind: z.enum(['0', '1', '2']).default('0'),
  /** EntriesPerPage for paged reads. */
  pageSize: wholeNumber(1, 5000, '500'),
  /** Device write uses an assumed, non-public method: off on real sites until the admin confirms it. */
  deviceWrite: z.enum(['off', 'confirmed']).default('off'),
  /**
   * Ticket write uses SaveHelpdesk, seen in public clients but not documented: off until the admin confirms it
   * (then Ferry's stamp is the last line of each ticket description it writes).
   */
  ticketWrite: z.enum(['off', 'confirmed']).default('off'),
  /** JSON file mapping Ferry's logical method names to this site's (see methods.ts). */
  methodsFile: z.string().min(1).optional(),
  ...connectionHttpShape,
  // Stored c-entron connections carry the default (parsed options always have it): kept as it was.
  maxConcurrent: wholeNumber(1, 16, '4'),
  /** PEM file of an internal CA. */
  caFile: z.string().min(1).optional(),
  /** SHA-256 fingerprint of the server certificate (self-signed servers), as the connection test shows it. */
  pinSha256: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v.replace(/:/g, '')), 'must be a SHA-256 fingerprint: 64 hex digits, colons allowed')
    .optional(),
  timeoutMs: wholeNumber(1000, 600_000, '30000'),
});
export type CentronOptions = z.infer<typeof CentronOptions>;

function parseOptions(options: Record<string, string>): CentronOptions {
  const r = CentronOptions.safeParse(options);
  if (!r.success) {
    throw new FerryError('input', `Invalid c-entron connection option: ${describeIssues(r.error)}.`, `Known options: ${Object.keys(CentronOptions.shape).join(', ')}; e.g. --option deviceWrite=confirmed.`);
  }
  return r.data;
}

class CentronConnector implements Connector {
  readonly kind = 'centron';
  private readonly ctx: ConnectorContext;
  private readonly opts: CentronOptions;
  private readonly url: string;
  private readonly client: CentronClient;
  private readonly ports: { [E in EntityName]: EntityPort<E> };

  constructor(ctx: ConnectorContext) {
    this.ctx = ctx;
    this.opts = parseOptions(ctx.config.options);
    this.url = normalizeCentronUrl(ctx.config.url);
    this.client = this.newClient();
    this.ports = {
      customer: customersPort(this.client),
      contact: contactsPort(this.client),
      contract: contractsPort(this.client),
      device: devicesPort(this.client, { write: this.opts.deviceWrite === 'confirmed', log: ctx.log }),
      ticket: ticketsPort(this.client, { write: this.opts.ticketWrite === 'confirmed', log: ctx.log }),
      // Not readable nor writable: the port says why (capabilities.note).
      invoice: invoicesPort(),
    };
  }

  private newClient(retries?: number): CentronClient {
    const o = this.opts;
    return new CentronClient({
      baseUrl: this.url,
      username: this.ctx.config.username,
      password: this.ctx.secrets['password'],
      loginKind: Number(o.loginKind) as 0 | 1 | 2,
      pageSize: Number(o.pageSize),
      methodsFile: o.methodsFile,
      timeoutMs: Number(o.timeoutMs),
      maxConcurrent: Number(o.maxConcurrent),
      ...(o.proxy ? { proxy: o.proxy } : {}),
      caFile: o.caFile,
      pinSha256: o.pinSha256,
      log: this.ctx.log,
      ...(retries !== undefined ? { retries } : {}),
    });
  }

  async test(opts?: { user?: string }): Promise<TestResult> {
    // A fresh client without retries: the test reports the state now, quickly, with a fresh login.
    const client = this.newClient(0);
    try {
      return await testConnection(client, this.ctx.log, opts);
    } finally {
      await client.close();
    }
  }

  async preflight(): Promise<PreflightCheck[]> {
    const checks = await runPreflight(this.client, { deviceWrite: this.opts.deviceWrite === 'confirmed', log: this.ctx.log });
    // Added after the existing checks (their ids and order stay as they were).
    const tickets = ticketWriteCheck(this.opts.ticketWrite === 'confirmed');
    if (tickets.status !== 'pass') this.ctx.log.info({ check: tickets.id, status: tickets.status }, tickets.message);
    return [...checks, tickets];
  }

  entity<E extends EntityName>(name: E): EntityPort<E> | undefined {
    return this.ports[name];
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export const centronFactory: ConnectorFactory = {
  kind: 'centron',
  label: 'c-entron',
  needs: [
    'The c-entron web-service URL up to and including the instance, e.g. https://centron.example.local/CentronService (a pasted /REST at the end is removed).',
    'From the Ferry server, that URL must be reachable (firewall, proxy); for an internal CA give its PEM file (--option caFile=<path>), for a self-signed certificate pin the fingerprint the connection test shows (--option pinSha256=<fingerprint>).',
    'A c-entron user for Ferry that may log in to the web service (login kind 0 = c-entron user, 1 = Windows/AD login: --option loginKind=1), with the rights "Display customers" and to display devices (master data lists); to write devices also the right to edit them.',
    'That user\'s password (kept in the keychain, never in the configuration).',
    'The address master must be active in c-entron (application setting 10011 = 1); the preflight checks it.',
    'Device write uses a c-entron method that is not public: it stays off until you confirm it (--option deviceWrite=confirmed).',
    'Contacts, contracts and helpdesk tickets are read as well (the user needs the rights to display them); ticket write uses SaveHelpdesk, which is not documented: it stays off until you confirm it (--option ticketWrite=confirmed). Invoices cannot be synced with c-entron (no known web-service method).',
  ],
  secretNames: ['password'] as const,
  optionsSchema: CentronOptions,
  optionFields: [
    { key: 'deviceWrite', label: 'Write devices', description: 'Ferry creates and updates devices with SaveMasterDataList, a method c-entron does not document. Confirm only after c-entron has told you it is available on your version.', choices: ['off', 'confirmed'], default: 'off' },
    { key: 'ticketWrite', label: 'Write tickets', description: 'Ferry writes helpdesk tickets with SaveHelpdesk, seen in public clients but not documented. Confirm only after checking it on your version.', choices: ['off', 'confirmed'], default: 'off' },
    { key: 'loginKind', label: 'Login type', description: '0 = c-entron user, 1 = Windows (AD) login, 2 = customer web account.', choices: ['0', '1', '2'], default: '0' },
    { key: 'caFile', label: 'CA certificate file', description: 'PEM file of your internal certificate authority, when the server uses one.' },
    { key: 'pinSha256', label: 'Certificate fingerprint', description: 'SHA-256 fingerprint of a self-signed server certificate, as the connection test shows it.' },
    ...connectionHttpFields(),
  ],
  normalizeUrl: normalizeCentronUrl,
  create: (ctx) => new CentronConnector(ctx),
};

export default centronFactory;
export { CentronClient, normalizeCentronUrl, parseEnvelope } from './client.js';
export { mapAccount } from './customers.js';
export { mapDevice, toDeviceWrite, DEVICE_WRITE_OFF_NOTE } from './devices.js';
export { mapContact } from './contacts.js';
export { mapContract } from './contracts.js';
export { mapTicket, toHelpdeskWrite, splitStamp, withStamp, TICKET_WRITE_OFF_NOTE } from './tickets.js';
export { INVOICE_NOTE } from './invoices.js';
export { methods, loadMethodNames, resolveMethodNames, defaultMethodNames } from './methods.js';
export { parseWcfDate, formatWcfDate, parseIsoDate, formatIsoDate, wcfToIso, isoToWcf } from './wcf-date.js';

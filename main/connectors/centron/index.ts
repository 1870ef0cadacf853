import { z } from 'zod';
import type { EntityName } from '../../../shared/entities.js';
import { FerryError } from '../../../shared/errors.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort, PreflightCheck, TestResult } from '../types.js';
import { CentronClient, normalizeCentronUrl } from './client.js';
import { customersPort } from './customers.js';
import { devicesPort } from './devices.js';
import { describeIssues } from './methods.js';
import { runPreflight } from './preflight.js';
import { testConnection } from './test.js';

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
  /** JSON file mapping Ferry's logical method names to this site's (see methods.ts). */
  methodsFile: z.string().min(1).optional(),
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
  private readonly ports: { customer: EntityPort<'customer'>; device: EntityPort<'device'> };

  constructor(ctx: ConnectorContext) {
    this.ctx = ctx;
    this.opts = parseOptions(ctx.config.options);
    this.url = normalizeCentronUrl(ctx.config.url);
    this.client = this.newClient();
    this.ports = {
      customer: customersPort(this.client),
      device: devicesPort(this.client, { write: this.opts.deviceWrite === 'confirmed', log: ctx.log }),
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

  preflight(): Promise<PreflightCheck[]> {
    return runPreflight(this.client, { deviceWrite: this.opts.deviceWrite === 'confirmed', log: this.ctx.log });
  }

  entity<E extends EntityName>(name: E): EntityPort<E> | undefined {
    if (name === 'customer') return this.ports.customer as unknown as EntityPort<E>;
    if (name === 'device') return this.ports.device as unknown as EntityPort<E>;
    return undefined;
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
  ],
  secretNames: ['password'] as const,
  optionsSchema: CentronOptions,
  normalizeUrl: normalizeCentronUrl,
  create: (ctx) => new CentronConnector(ctx),
};

export default centronFactory;
export { CentronClient, normalizeCentronUrl, parseEnvelope } from './client.js';
export { mapAccount } from './customers.js';
export { mapDevice, toDeviceWrite, DEVICE_WRITE_OFF_NOTE } from './devices.js';
export { methods, loadMethodNames, resolveMethodNames, defaultMethodNames } from './methods.js';
export { parseWcfDate, formatWcfDate, parseIsoDate, formatIsoDate, wcfToIso, isoToWcf } from './wcf-date.js';

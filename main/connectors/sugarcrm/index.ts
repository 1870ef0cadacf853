import { z } from 'zod';
import { connectionHttpFields, connectionHttpOptions, connectionHttpShape } from '../http/proxy.js';
import { tlsClientOptions, tlsOptionFields, tlsOptionShape } from '../http/tls-options.js';
import { parseAdminUrl } from '../http/url.js';
import type { EntityName } from '../../../shared/entities.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort } from '../types.js';
import { createAccountPort } from './accounts.js';
import { createCasePort } from './cases.js';
import { SugarClient } from './client.js';
import { createContactPort } from './contacts.js';
import { createContractPort } from './contracts.js';
import { createInvoicePort } from './invoices.js';
import { preflightSugar } from './preflight.js';
import { ownedPortsConnector } from '../owned-ports.js';
import { testSugar } from './test.js';
import { listSugarUsers } from './users.js';

export { SugarClient, sqlString, htmlDecode, md5 } from './client.js';
export { OVERLAP_MS, STAMP_PREFIX, stampOf } from './records.js';

const urlHint = 'Enter the CRM\'s site address, e.g. https://crm.example.com/ (SuiteCRM 8: the address without /public), or the full URL ending in /service/v4_1/rest.php.';

/**
 * Accepts the site URL, or a pasted endpoint (`…/service/v4_1/rest.php`, `…/legacy/service/v4_1/rest.php`) or any
 * page (`…/index.php?module=Home`); answers the site URL ending in `/`. The endpoint below it is probed at run time.
 */
export function normalizeSugarUrl(input: string): string {
  const u = parseAdminUrl(input, urlHint);
  let path = u.pathname.replace(/\/+$/, '');
  // Both endpoints are probed below the site, so a pasted legacy endpoint becomes the site too.
  path = path.replace(/\/(legacy\/)?service\/v4(_1)?\/(rest|soap)\.php$/i, '');
  if (/\/[^/]*\.php$/i.test(path)) path = path.slice(0, path.lastIndexOf('/'));
  // SuiteCRM 8's browser address ends in /public; the API is under the site root.
  path = path.replace(/\/public$/i, '');
  u.pathname = `${path}/`;
  return u.toString();
}

export const sugarOptionsSchema = z
  .object({
    ...connectionHttpShape,
    ...tlsOptionShape,
  })
  .strict()
  .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>);

export const sugarFactory: ConnectorFactory = {
  kind: 'sugarcrm',
  label: 'SugarCRM / SuiteCRM',
  needs: [
    'The CRM\'s site address (e.g. https://crm.example.com/; for SuiteCRM 8 the address without /public)',
    'The user name of a connection user with the admin role in the CRM',
    'That user\'s password (Ferry sends only its MD5 hash, as the v4_1 API requires)',
    'For an internal or self-signed certificate: the CA file, or accept the fingerprint the connection test shows',
  ],
  users: 'directory',
  missingAfterTest(details) {
    const modules = typeof details['modules'] === 'string' ? details['modules'].split(',') : null;
    if (!modules) return {};
    const lacks = (m: string) => !modules.includes(m);
    const why = (m: string) => `This CRM has no ${m} module (SuiteCRM only); the connection test found ${modules.join(', ')}.`;
    return { ...(lacks('AOS_Contracts') ? { contract: why('AOS_Contracts') } : {}), ...(lacks('AOS_Invoices') ? { invoice: why('AOS_Invoices') } : {}) };
  },
  secretNames: ['password'] as const,
  optionsSchema: sugarOptionsSchema,
  optionFields: [
    ...tlsOptionFields,
    // CRM servers are often small: two requests at a time unless the admin allows more.
    ...connectionHttpFields(2),
  ],
  normalizeUrl: normalizeSugarUrl,
  create(ctx: ConnectorContext): Connector {
    const o = ctx.config.options;
    const client = new SugarClient({
      url: normalizeSugarUrl(ctx.config.url),
      username: ctx.config.username,
      password: ctx.secrets['password'] ?? null,
      ...connectionHttpOptions(o, 2),
      ...tlsClientOptions(o),
      log: ctx.log,
    });
    // With an owner: acting for that user (their records only, new ones assigned to them), on the same session.
    const portsFor = (owner?: string): Partial<Record<EntityName, EntityPort>> => ({
      customer: createAccountPort(client, owner) as unknown as EntityPort,
      contact: createContactPort(client, owner) as unknown as EntityPort,
      ticket: createCasePort(client, owner) as unknown as EntityPort,
      contract: createContractPort(client, owner) as unknown as EntityPort,
      invoice: createInvoicePort(client, owner) as unknown as EntityPort,
    });
    return ownedPortsConnector({
      kind: 'sugarcrm',
      portsFor,
      base: { test: (opts) => testSugar(client, opts), preflight: () => preflightSugar(client), users: () => listSugarUsers(client), close: () => client.close() },
    });
  },
};

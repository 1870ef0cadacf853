import { z } from 'zod';
import { connectionHttpFields, connectionHttpOptions, connectionHttpShape } from '../http/proxy.js';
import { tlsClientOptions, tlsOptionFields, tlsOptionShape } from '../http/tls-options.js';
import { parseAdminUrl } from '../http/url.js';
import type { EntityName } from '../../../shared/entities.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort } from '../types.js';
import { createAccountPort } from './accounts.js';
import { createCasePort } from './cases.js';
import { OneCrmClient, type Grant } from './client.js';
import { createContactPort } from './contacts.js';
import { preflightOneCrm } from './preflight.js';
import { ownedPortsConnector } from '../owned-ports.js';
import { testOneCrm } from './test.js';
import { listOneCrmUsers } from './users.js';

export { OneCrmClient, crmTime, parseCrmTime, SCOPE } from './client.js';
export { idForStamp, OVERLAP_MS, PAGE_SIZE, STAMP_PREFIX, stampOf } from './records.js';

const urlHint = 'Enter the 1CRM site address, e.g. https://crm.example.com/ (the address in front of /api.php), or the full URL ending in /api.php.';

/**
 * Accepts the site URL, or a pasted API URL (`…/api.php`, `…/api.php/data/Account`) or any page (`…/index.php?…`);
 * answers the site URL ending in `/`. The API is `<site>api.php`.
 */
export function normalizeOneCrmUrl(input: string): string {
  const u = parseAdminUrl(input, urlHint);
  let path = u.pathname.replace(/\/+$/, '');
  path = path.replace(/\/api\.php(\/.*)?$/i, '');
  if (/\/[^/]*\.php$/i.test(path)) path = path.slice(0, path.lastIndexOf('/'));
  u.pathname = `${path}/`;
  return u.toString();
}

const optionalString = z.string().trim().min(1).optional();

export const GRANTS = ['password', 'client_credentials'] as const;

export const oneCrmOptionsSchema = z
  .object({
    ...connectionHttpShape,
    grant: z.enum(GRANTS).optional(),
    clientId: optionalString,
    ...tlsOptionShape,
  })
  .strict()
  .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>);

/** The keychain secret (of storedSecretNames) that keeps the OAuth refresh token between processes. */
export const REFRESH_TOKEN_SECRET = 'refreshToken';

/** Builds the connector; `now` (tests only) replaces the clock for token expiry and delta cursors. */
export function createOneCrmConnector(ctx: ConnectorContext, extra: { now?: () => number } = {}): Connector {
  const o = ctx.config.options;
  const grant: Grant = o['grant'] === 'client_credentials' ? 'client_credentials' : 'password';
  const client = new OneCrmClient({
    url: normalizeOneCrmUrl(ctx.config.url),
    grant,
    clientId: o['clientId'] ?? null,
    clientSecret: ctx.secrets['clientSecret'] ?? null,
    username: ctx.config.username,
    password: ctx.secrets['password'] ?? null,
    ...connectionHttpOptions(o, 2),
    ...tlsClientOptions(o),
    ...(extra.now ? { now: extra.now } : {}),
    log: ctx.log,
    // The refresh token of an earlier process, kept in the keychain (storedSecretNames), and kept there when it changes.
    refreshToken: ctx.secrets[REFRESH_TOKEN_SECRET] ?? null,
    ...(ctx.saveSecret ? { saveRefreshToken: (v: string | null) => ctx.saveSecret?.(REFRESH_TOKEN_SECRET, v) ?? Promise.resolve() } : {}),
  });
  // With an owner: acting for that user (their records only, new ones assigned to them), with the same token.
  const portsFor = (owner?: string): Partial<Record<EntityName, EntityPort>> => ({
    customer: createAccountPort(client, owner) as unknown as EntityPort,
    contact: createContactPort(client, owner) as unknown as EntityPort,
    ticket: createCasePort(client, owner) as unknown as EntityPort,
  });
  return ownedPortsConnector({
    kind: 'onecrm',
    portsFor,
    base: { test: (opts) => testOneCrm(client, opts), preflight: () => preflightOneCrm(client), users: () => listOneCrmUsers(client), close: () => client.close() },
  });
}

export const oneCrmFactory: ConnectorFactory = {
  kind: 'onecrm',
  label: '1CRM',
  needs: [
    'The CRM\'s site address (e.g. https://crm.example.com/, the address in front of /api.php); 1CRM Professional or Enterprise (other editions have no API)',
    'An OAuth client created in 1CRM (Admin → OAuth clients): its client ID (option clientId) and client secret (secret clientSecret); a private client for the password grant',
    'Password grant (default): the user name and password (secret password) of a connection user with the admin role',
    'Client-credentials grant (option grant=client_credentials): the client acts as the user 1CRM assigns to it; the password secret is not used',
    'For an internal or self-signed certificate: the CA file, or accept the fingerprint the connection test shows',
  ],
  users: 'directory',
  secretNames: ['clientSecret', 'password'] as const,
  // Not entered by the admin: the refresh token the CRM issued, so a new process need not log in with the password.
  storedSecretNames: [REFRESH_TOKEN_SECRET] as const,
  // The client-credentials grant logs in with the client alone: no user password.
  secretNeeded: (name, options) => !(name === 'password' && options['grant'] === 'client_credentials'),
  optionsSchema: oneCrmOptionsSchema,
  optionFields: [
    { key: 'grant', label: 'OAuth grant', description: 'password: Ferry logs in as the connection user (private OAuth client). client_credentials: the OAuth client acts as the user 1CRM assigns to it.', choices: [...GRANTS], default: 'password' },
    { key: 'clientId', label: 'OAuth client ID', description: 'The client ID of the OAuth client created in 1CRM (Admin → OAuth clients).' },
    ...tlsOptionFields,
    // CRM servers are often small: two requests at a time unless the admin allows more.
    ...connectionHttpFields(2),
  ],
  normalizeUrl: normalizeOneCrmUrl,
  create: (ctx) => createOneCrmConnector(ctx),
};

import { z } from 'zod';
import { parseAdminUrl } from '../http/url.js';
import type { EntityName } from '../../../shared/entities.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort } from '../types.js';
import { CardDavClient } from './client.js';
import { createContactPort } from './contacts.js';
import { preflightCardDav } from './preflight.js';
import { testCardDav } from './test.js';

export { CardDavClient } from './client.js';
export { uidForStamp } from './contacts.js';

const urlHint = 'Enter the CardDAV server address (e.g. https://dav.example.com/), the user\'s principal URL or the URL of an address book.';

/** Accepts the server root, a principal, a home set or an address book URL; answers it ending in `/`. */
export function normalizeCardDavUrl(input: string): string {
  const u = parseAdminUrl(input, urlHint);
  if (!u.pathname.endsWith('/')) u.pathname = `${u.pathname}/`;
  return u.toString();
}

const optionalString = z.string().trim().min(1).optional();

export const cardDavOptionsSchema = z
  .object({
    addressBook: optionalString,
    vcardVersion: z.enum(['3.0', '4.0']).optional(),
    maxConcurrent: z.string().regex(/^([1-9]|1[0-6])$/, 'a number from 1 to 16').optional(),
    caFile: optionalString,
    pinSha256: z
      .string()
      .regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'a SHA-256 fingerprint: 64 hex digits, colons allowed')
      .optional(),
  })
  .strict()
  .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>);

export const cardDavFactory: ConnectorFactory = {
  kind: 'carddav',
  label: 'CardDAV address book',
  needs: [
    'The CardDAV server address (e.g. https://dav.example.com/), the user\'s principal URL or an address book URL',
    'The user name Ferry logs in with (for acting on several users\' address books: a service account with rights to all of them)',
    'That user\'s password (or app password)',
    'For an internal or self-signed certificate: the CA file, or accept the fingerprint the connection test shows',
  ],
  secretNames: ['password'] as const,
  optionsSchema: cardDavOptionsSchema,
  optionFields: [
    { key: 'addressBook', label: 'Address book', description: 'Name (last path segment or display name) of the address book, when the URL leads to several. Empty: the first one.' },
    { key: 'vcardVersion', label: 'vCard version', description: 'Version of the cards Ferry creates; existing cards keep theirs.', choices: ['3.0', '4.0'], default: '3.0' },
    { key: 'maxConcurrent', label: 'Parallel requests', description: 'Requests to this server at the same time, at most (1–16).', default: '4' },
    { key: 'caFile', label: 'CA certificate file', description: 'PEM file of your internal certificate authority, when the server uses one.' },
    { key: 'pinSha256', label: 'Certificate fingerprint', description: 'SHA-256 fingerprint of a self-signed server certificate, as the connection test shows it.' },
  ],
  normalizeUrl: normalizeCardDavUrl,
  create(ctx: ConnectorContext): Connector {
    const o = ctx.config.options;
    const client = new CardDavClient({
      url: normalizeCardDavUrl(ctx.config.url),
      username: ctx.config.username,
      password: ctx.secrets['password'] ?? null,
      ...(o['addressBook'] ? { addressBook: o['addressBook'] } : {}),
      maxConcurrent: o['maxConcurrent'] ? Number(o['maxConcurrent']) : 4,
      ...(o['caFile'] ? { caFile: o['caFile'] } : {}),
      ...(o['pinSha256'] ? { pinSha256: o['pinSha256'] } : {}),
      log: ctx.log,
    });
    const ports: Partial<Record<EntityName, EntityPort>> = {
      contact: createContactPort(client, { vcardVersion: o['vcardVersion'] === '4.0' ? '4.0' : '3.0', log: ctx.log }) as unknown as EntityPort,
    };
    return {
      kind: 'carddav',
      test: (opts) => testCardDav(client, opts),
      preflight: () => preflightCardDav(client),
      entity: <E extends EntityName>(name: E) => ports[name] as EntityPort<E> | undefined,
      close: () => client.close(),
    };
  },
};

import { FerryError } from '../../../shared/errors.js';
import { z } from 'zod';
import { connectionHttpFields, connectionHttpOptions, connectionHttpShape } from '../http/proxy.js';
import { tlsClientOptions, tlsOptionFields, tlsOptionShape } from '../http/tls-options.js';
import { parseAdminUrl } from '../http/url.js';
import type { EntityName } from '../../../shared/entities.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort } from '../types.js';
import { CardDavClient } from './client.js';
import { createContactPort } from './contacts.js';
import { preflightCardDav } from './preflight.js';
import { testCardDav } from './test.js';
import { userBookPath, userBooksHint } from './users.js';

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
    userBooks: z
      .string()
      .trim()
      .regex(/^\/?[^?#\s]*\{(user|email)\}[^?#\s]*$/, 'a path with {user} or {email}, e.g. /{email}/contacts/')
      .optional(),
    vcardVersion: z.enum(['3.0', '4.0']).optional(),
    ...connectionHttpShape,
    ...tlsOptionShape,
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
  users: 'per-user',
  secretNames: ['password'] as const,
  optionsSchema: cardDavOptionsSchema,
  optionFields: [
    { key: 'addressBook', label: 'Address book', description: 'Name (last path segment or display name) of the address book, when the URL leads to several. Empty: the first one.' },
    { key: 'userBooks', label: 'Users\' address books', description: 'For acting for each user: the path of a user\'s address book with {user} (the part of the e-mail before @) or {email}, e.g. /{email}/contacts/ or /remote.php/dav/addressbooks/users/{user}/contacts/.' },
    { key: 'vcardVersion', label: 'vCard version', description: 'Version of the cards Ferry creates; existing cards keep theirs.', choices: ['3.0', '4.0'], default: '3.0' },
    ...tlsOptionFields,
    ...connectionHttpFields(),
  ],
  normalizeUrl: normalizeCardDavUrl,
  create(ctx: ConnectorContext): Connector {
    const o = ctx.config.options;
    const client = new CardDavClient({
      url: normalizeCardDavUrl(ctx.config.url),
      username: ctx.config.username,
      password: ctx.secrets['password'] ?? null,
      ...(o['addressBook'] ? { addressBook: o['addressBook'] } : {}),
      ...connectionHttpOptions(o),
      ...tlsClientOptions(o),
      log: ctx.log,
    });
    const ports: Partial<Record<EntityName, EntityPort>> = {
      contact: createContactPort(client, { vcardVersion: o['vcardVersion'] === '4.0' ? '4.0' : '3.0', log: ctx.log }) as unknown as EntityPort,
    };
    return {
      kind: 'carddav',
      test: (opts) => testCardDav(client, { ...opts, ...(o['userBooks'] ? { userBooks: o['userBooks'] } : {}) }),
      // Acting for a user: the same connection on that user's address book, reached through the "userBooks" path.
      forUser(user) {
        if (!o['userBooks']) throw new FerryError('config', `CardDAV connection "${ctx.config.name}": no path to the users' address books is set.`, userBooksHint);
        if (!user.email) throw new FerryError('config', `The user "${user.login}" has no primary e-mail address: Ferry cannot find their address book.`, 'Give the user a primary e-mail address in the CRM.');
        const url = new URL(userBookPath(o['userBooks'], user.email), client.url).toString();
        return cardDavFactory.create({ ...ctx, config: { ...ctx.config, url } });
      },
      preflight: () => preflightCardDav(client, o['userBooks'] || undefined),
      entity: <E extends EntityName>(name: E) => ports[name] as EntityPort<E> | undefined,
      close: () => client.close(),
    };
  },
};

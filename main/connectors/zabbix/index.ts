import { z } from 'zod';
import { connectionHttpFields, connectionHttpOptions, connectionHttpShape } from '../http/proxy.js';
import { tlsClientOptions, tlsOptionFields, tlsOptionShape } from '../http/tls-options.js';
import { parseAdminUrl } from '../http/url.js';
import type { EntityName } from '../../../shared/entities.js';
import type { Connector, ConnectorContext, ConnectorFactory, EntityPort } from '../types.js';
import { ZabbixClient } from './client.js';
import { createCustomerPort } from './customers.js';
import { createDevicePort } from './devices.js';
import { DEFAULT_GROUP_NAME_TEMPLATE, templateProblem } from './group-name.js';
import { preflightZabbix } from './preflight.js';
import { testZabbix } from './test.js';

export { renderGroupName, GROUP_NAME_MAX, DEFAULT_GROUP_NAME_TEMPLATE } from './group-name.js';
export { hostTechnicalName } from './host-name.js';
export { ZabbixClient } from './client.js';
export type { ZabbixWriteContext } from './customers.js';

const urlHint = 'Enter the Zabbix frontend address, e.g. https://zabbix.example.com/zabbix/, or its API address ending in /api_jsonrpc.php.';

/**
 * Accepts the frontend base URL, the full `/api_jsonrpc.php` URL or any frontend page pasted from the browser
 * (`…/zabbix.php?action=dashboard.view`); answers the frontend base URL ending in `/`.
 */
export function normalizeZabbixUrl(input: string): string {
  const u = parseAdminUrl(input, urlHint);
  let path = u.pathname.replace(/\/+$/, '');
  if (/\/[^/]*\.php$/i.test(path)) path = path.slice(0, path.lastIndexOf('/'));
  u.pathname = `${path}/`;
  return u.toString();
}

export const zabbixOptionsSchema = z
  .object({
    groupNameTemplate: z
      .string()
      .default(DEFAULT_GROUP_NAME_TEMPLATE)
      .superRefine((t, ctx) => {
        const problem = templateProblem(t);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ...connectionHttpShape,
    ...tlsOptionShape,
  })
  .strict()
  .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>);

export const zabbixFactory: ConnectorFactory = {
  kind: 'zabbix',
  label: 'Zabbix (6.0 or newer)',
  needs: [
    'The Zabbix frontend URL (e.g. https://zabbix.example.com/zabbix/) or its API URL ending in /api_jsonrpc.php',
    'A Zabbix user for Ferry with the Super admin role (only Super admins may create host groups, which hold the customers)',
    'That user\'s password',
    'For an internal or self-signed certificate: the CA file, or accept the fingerprint the connection test shows',
  ],
  secretNames: ['password'] as const,
  optionsSchema: zabbixOptionsSchema,
  optionFields: [
    { key: 'groupNameTemplate', label: 'Host group name', description: 'How a customer becomes a host group name; placeholders {number} and {name}.', default: DEFAULT_GROUP_NAME_TEMPLATE },
    ...tlsOptionFields,
    ...connectionHttpFields(),
  ],
  normalizeUrl: normalizeZabbixUrl,
  create(ctx: ConnectorContext): Connector {
    const o = ctx.config.options;
    const client = new ZabbixClient({
      url: normalizeZabbixUrl(ctx.config.url),
      username: ctx.config.username,
      password: ctx.secrets['password'] ?? null,
      ...connectionHttpOptions(o),
      ...tlsClientOptions(o),
      log: ctx.log,
    });
    const ports: Partial<Record<EntityName, EntityPort>> = {
      customer: createCustomerPort(client, o['groupNameTemplate'] ?? DEFAULT_GROUP_NAME_TEMPLATE, ctx.log) as unknown as EntityPort,
      device: createDevicePort(client, ctx.log) as unknown as EntityPort,
    };
    return {
      kind: 'zabbix',
      test: (opts) => testZabbix(client, opts),
      preflight: () => preflightZabbix(client),
      entity: <E extends EntityName>(name: E) => ports[name] as EntityPort<E> | undefined,
      close: () => client.close(),
    };
  },
};


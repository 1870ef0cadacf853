// A CRM connection acting for its users: one set of ports per owner on one shared client (session or token).
import type { EntityName } from '../../shared/entities.js';
import type { Connector, EntityPort } from './types.js';

type Ports = Partial<Record<EntityName, EntityPort>>;

/**
 * The connector of a CRM kind whose ports take an owner (`portsFor(undefined)`: every record; `portsFor(id)`:
 * that user's records only, new ones assigned to them). `forUser` shares the client: closing a user's view leaves
 * the connection open; closing the connection closes the client.
 */
export function ownedPortsConnector(o: { kind: string; portsFor: (owner?: string) => Ports; base: Pick<Connector, 'test' | 'preflight' | 'users' | 'close'> }): Connector {
  const view = (ports: Ports, close: () => Promise<void>): Connector => ({
    kind: o.kind,
    test: o.base.test,
    preflight: o.base.preflight,
    entity: <E extends EntityName>(name: E) => ports[name] as EntityPort<E> | undefined,
    close,
  });
  return {
    ...view(o.portsFor(), o.base.close),
    ...(o.base.users ? { users: o.base.users } : {}),
    forUser: (user) => view(o.portsFor(user.id), () => Promise.resolve()),
  };
}

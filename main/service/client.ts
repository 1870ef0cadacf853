import fs from 'node:fs';
import path from 'node:path';
import type { OpInput, OpOutput, OperationName } from '../../shared/contract.js';
import { ErrorBody, FerryError } from '../../shared/errors.js';
import type { Store } from '../store/index.js';

export const tokenFile = (dataDir: string): string => path.join(dataDir, 'service-token');
export const ENGINE_LEASE = 'engine';

export interface HostClient {
  url: string;
  call<K extends OperationName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
}

/** A client of the running engine host of this data folder, or null when none runs. */
export function findEngineHost(store: Store, dataDir: string): HostClient | null {
  const lease = store.leases.live(ENGINE_LEASE);
  if (!lease || lease.pid === process.pid || !lease.endpoint) return null;
  let token: string;
  try {
    token = fs.readFileSync(tokenFile(dataDir), 'utf8').trim();
  } catch {
    throw new FerryError('permission', `An engine host runs (pid ${lease.pid}) but its token file cannot be read.`, 'Run this command as the account that runs the engine host, or stop that host.');
  }
  const url = lease.endpoint;
  return {
    url,
    async call(op, input) {
      let res: Response;
      try {
        res = await fetch(`${url}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      } catch (e) {
        throw new FerryError('unreachable', `The engine host at ${url} does not answer (${(e as Error).message}).`, 'Check that `ferry serve` (or the tray app) is still running; its lease is taken over when it has died.');
      }
      const body = (await res.json()) as unknown;
      if (!res.ok) {
        const err = ErrorBody.safeParse((body as { error?: unknown }).error);
        if (err.success) throw new FerryError(err.data.category, err.data.message, err.data.hint, err.data.details);
        throw new FerryError('internal', `The engine host answered HTTP ${res.status}.`, 'See the log in the data folder.');
      }
      return body as never;
    },
  };
}

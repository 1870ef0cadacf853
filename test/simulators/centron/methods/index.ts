// The method table: every method the simulator answers, with its ticket and right requirements.
import { accountMethods } from './accounts.js';
import type { MethodSpec } from './context.js';
import { deviceReadMethods, saveMasterDataList } from './devices.js';
import { helpdeskMethods } from './helpdesk.js';
import { sessionMethods } from './session.js';

export interface MethodTableOptions {
  /** Serve the assumed SaveMasterDataList (else it is unknown → HTTP 404, as on a site without it). */
  deviceWriteEnabled: boolean;
}

export function buildMethodTable(opts: MethodTableOptions): Map<string, MethodSpec> {
  const specs = [...sessionMethods, ...accountMethods, ...deviceReadMethods, ...helpdeskMethods];
  if (opts.deviceWriteEnabled) specs.push(saveMasterDataList);
  return new Map(specs.map((s) => [s.name, s]));
}

export { CallError, MESSAGES, RawResult, type CallContext, type MethodSpec } from './context.js';

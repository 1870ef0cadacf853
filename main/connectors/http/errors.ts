import { AxiosError } from 'axios';
import { FerryError, hints } from '../../../shared/errors.js';

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'FERRY_PIN_MISMATCH', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const neverConnectedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const netCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EPIPE', 'ERR_CANCELED', 'ERR_BAD_RESPONSE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Whether the outcome of a request is unknown: it may have been applied by the server (answer lost). */
export function outcomeUnknown(e: unknown): boolean {
  if (e instanceof FerryError) return e.details?.['outcomeUnknown'] === true;
  return false;
}

/** Maps a transport error to a FerryError with category and hint. `what` names the system, e.g. "c-entron". */
export function classifyHttpError(e: unknown, what: string, url: string): FerryError {
  if (e instanceof FerryError) return e;
  const ax = e instanceof AxiosError ? e : null;
  const code = (ax?.code ?? (e as { code?: string } | null)?.code ?? '') as string;
  const causeCode = ((ax?.cause as { code?: string } | undefined)?.code ?? '') as string;
  const status = ax?.response?.status;
  const sent = Boolean(ax?.request) && !ax?.response;
  if (tlsCodes.has(code) || tlsCodes.has(causeCode) || /certificate|self.signed|TLS/i.test(ax?.message ?? '')) {
    return new FerryError('tls', `${what} at ${url}: the TLS certificate was not accepted (${code || causeCode || ax?.message}).`, hints.tls, { code: code || causeCode });
  }
  if (status === 401) return new FerryError('auth', `${what} at ${url} refused the credentials (HTTP 401).`, hints.auth, { status });
  if (status === 403) return new FerryError('permission', `${what} at ${url} denied access (HTTP 403).`, hints.permission, { status });
  if (status === 404 || status === 405) return new FerryError('config', `${what}: no API at ${url} (HTTP ${status}).`, hints.config, { status });
  if (status === 429) return new FerryError('unreachable', `${what} at ${url} is rate limiting Ferry (HTTP 429).`, 'Ferry retries automatically; if it persists, lower the connection\'s concurrency (--option maxConcurrent=2).', { status });
  if (status !== undefined && status >= 500) {
    return new FerryError('unreachable', `${what} at ${url} answered with a server error (HTTP ${status}).`, `System not available: check that ${what} is running and healthy; Ferry retries on the next run.`, { status, outcomeUnknown: true });
  }
  if (status !== undefined && status >= 200 && status < 300) {
    // The answer began (2xx) but the connection broke while its body was read: the call was processed.
    return new FerryError('unreachable', `${what} at ${url}: the answer was cut off (${code || causeCode || ax?.message || 'connection lost'}).`, hints.unreachable, {
      status,
      code: code || causeCode,
      outcomeUnknown: true,
    });
  }
  if (status !== undefined) return new FerryError('config', `${what} at ${url} answered HTTP ${status}.`, hints.config, { status });
  if (netCodes.has(code) || netCodes.has(causeCode) || sent) {
    const reset = ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT'].includes(code) || ['ECONNRESET'].includes(causeCode);
    // No connection was made, so nothing was sent (axios sets `request` even then).
    const neverConnected = neverConnectedCodes.has(code) || neverConnectedCodes.has(causeCode);
    return new FerryError('unreachable', `${what} at ${url} is not available (${code || causeCode || 'no answer'}).`, hints.unreachable, {
      code: code || causeCode,
      // A request that went out and got no answer may have been applied.
      outcomeUnknown: !neverConnected && (reset || sent),
    });
  }
  return new FerryError('unreachable', `${what} at ${url}: ${ax?.message ?? String(e)}`, hints.unreachable, { outcomeUnknown: true });
}

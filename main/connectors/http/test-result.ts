import { toErrorBody } from '../../../shared/errors.js';
import type { TestResult } from '../types.js';
import { fetchCertificateFingerprint } from './tls.js';

/**
 * A failed step of a connection test as a test result, the same for every connector: a TLS failure carries the
 * certificate's fingerprint so the admin can pin it; a missing secret is `auth`; an answer Ferry cannot place is
 * `config` with `notThisApiHint` (what the URL should look like for this system). `configHint` replaces the hint
 * of every `config` result, where the system has one better suited.
 */
export async function failedTest(e: unknown, url: string, o: { notThisApiHint: string; configHint?: string }): Promise<TestResult> {
  const body = toErrorBody(e);
  if (body.category === 'tls') {
    const fingerprint = await fetchCertificateFingerprint(url);
    return {
      category: 'tls',
      message: fingerprint ? `${body.message} The server presents a certificate with SHA-256 fingerprint ${fingerprint}.` : body.message,
      hint: body.hint,
      details: { fingerprint },
    };
  }
  if (body.category === 'needs-credentials') return { category: 'auth', message: body.message, hint: body.hint };
  const category = (['unreachable', 'auth', 'permission', 'unsupported', 'config'] as const).find((c) => c === body.category);
  const hint = category === 'config' && o.configHint ? o.configHint : category || body.category === 'internal' ? body.hint : o.notThisApiHint;
  return { category: category ?? 'config', message: body.message, hint };
}

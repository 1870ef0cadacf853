import { z } from 'zod';

/** Categories of a connection test (seed 003: "system not available" vs "given credentials"). */
export const testCategories = ['ok', 'unreachable', 'auth', 'permission', 'tls', 'config', 'unsupported'] as const;
export const TestCategory = z.enum(testCategories);
export type TestCategory = z.infer<typeof TestCategory>;

/** Every error a user can meet carries one of these categories and a hint. */
export const errorCategories = [
  ...testCategories.filter((c) => c !== 'ok'),
  'input', // bad input from the admin (CLI argument, API body, config file)
  'not-found', // a named connection, pipeline, run … does not exist
  'state', // the operation is not allowed in the current state (e.g. delete a used connection)
  'needs-credentials', // a secret is missing from, or cannot be read from, the keychain
  'data', // a remote system answered with data that does not fit its schema
  'guard', // a safety guard stopped the operation (mass delete)
  'busy', // another process holds what is needed (lease, a running pipeline)
  'storage', // the local database is corrupt, from a newer Ferry, or not writable
  'internal', // a bug in Ferry
] as const;
export const ErrorCategory = z.enum(errorCategories);
export type ErrorCategory = z.infer<typeof ErrorCategory>;

export const ErrorBody = z.object({
  category: ErrorCategory,
  message: z.string(),
  hint: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The one error type Ferry throws on purpose. The message and hint are safe to show: never put a secret in them. */
export class FerryError extends Error {
  readonly category: ErrorCategory;
  readonly hint: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(category: ErrorCategory, message: string, hint: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'FerryError';
    this.category = category;
    this.hint = hint;
    this.details = details;
  }
  toJSON(): ErrorBody {
    return { category: this.category, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isFerryError(e: unknown): e is FerryError {
  return e instanceof FerryError;
}

/** Turns anything thrown into an ErrorBody a user can act on. */
export function toErrorBody(e: unknown): ErrorBody {
  if (isFerryError(e)) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return {
    category: 'internal',
    message: `Unexpected error: ${message}`,
    hint: 'This is a bug in Ferry. Keep the log file from the data folder and report it.',
  };
}

export const hints = {
  unreachable: 'System not available: check the URL and port, that the service is running and that this server can reach it (firewall, proxy).',
  auth: 'Cannot connect with the given credentials: check the user name and update the password (ferry connections set-secret <name> --secret-stdin).',
  permission: 'The account lacks rights: grant the connection user the rights the preflight check lists, then test again.',
  tls: 'The certificate could not be verified: trust your internal CA (--option caFile=<path>) or pin the certificate fingerprint the test shows (--option pinSha256=<fingerprint>).',
  config: 'The URL does not point at the expected API: check the address entered for this connection (its path: for c-entron the web service URL with the instance name, for Zabbix the frontend URL in front of /api_jsonrpc.php, for a CRM the site URL) and that the system version is supported.',
  needsCredentials: 'No secret for this connection in the keychain of the account running Ferry: set it with `ferry connections set-secret <name> --secret-stdin`.',
} as const;

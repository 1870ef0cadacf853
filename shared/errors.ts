import { z } from 'zod';
import { HintId, hintIdOf, hints } from './hints.js';

export { hints } from './hints.js';

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
  /** Set when `hint` is, or starts with, a shared hint: the UI shows its translation. An id this Ferry does not know is dropped. */
  hintId: HintId.optional().catch(undefined),
  /** The values of the hint's placeholders (see hintTemplates). */
  hintParams: z.record(z.string(), z.string()).optional().catch(undefined),
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
    return { category: this.category, message: this.message, hint: this.hint, ...hintIdOf(this.hint), ...(this.details ? { details: this.details } : {}) };
  }
}

export function isFerryError(e: unknown): e is FerryError {
  return e instanceof FerryError;
}

/** Turns anything thrown into an ErrorBody a user can act on. */
export function toErrorBody(e: unknown): ErrorBody {
  if (isFerryError(e)) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { category: 'internal', message: `Unexpected error: ${message}`, hint: hints.internalBug, hintId: 'internalBug' };
}

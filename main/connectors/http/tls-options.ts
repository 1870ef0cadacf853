// The TLS options every HTTP connector offers (an internal CA, or a pinned self-signed certificate): one schema, one
// form description, one mapping to the client.
import { z } from 'zod';
import type { OptionField } from '../types.js';
import type { TlsOptions } from './tls.js';

export const tlsOptionShape = {
  caFile: z.string().trim().min(1).optional(),
  pinSha256: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'a SHA-256 fingerprint: 64 hex digits, colons allowed')
    .optional(),
};

export const tlsOptionFields: OptionField[] = [
  { key: 'caFile', label: 'CA certificate file', description: 'PEM file of your internal certificate authority, when the server uses one.' },
  { key: 'pinSha256', label: 'Certificate fingerprint', description: 'SHA-256 fingerprint of a self-signed server certificate, as the connection test shows it.' },
];

/** The client's TLS options from a connection's validated options (only those set). */
export function tlsClientOptions(o: Record<string, string | undefined>): TlsOptions {
  return { ...(o['caFile'] ? { caFile: o['caFile'] } : {}), ...(o['pinSha256'] ? { pinSha256: o['pinSha256'] } : {}) };
}

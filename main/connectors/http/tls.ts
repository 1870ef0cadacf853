import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { FerryError, hints } from '../../../shared/errors.js';

export interface TlsOptions {
  /** PEM file of an internal CA to trust in addition to the system's. */
  caFile?: string | undefined;
  /** SHA-256 fingerprint of the server certificate to accept (pinning, for self-signed on-prem servers). */
  pinSha256?: string | undefined;
}

export const normalizeFingerprint = (fp: string): string => fp.replace(/[^0-9a-f]/gi, '').toUpperCase();

/** A CA file's certificates plus the system's, or nothing when no CA file is set. Throws FerryError('config'). */
export function trustedCas(opts: TlsOptions): (string | Buffer)[] | undefined {
  if (!opts.caFile) return undefined;
  try {
    return [...tls.rootCertificates, fs.readFileSync(opts.caFile)];
  } catch (e) {
    throw new FerryError('config', `The CA file ${opts.caFile} cannot be read: ${(e as Error).message}`, 'Give the path of a PEM file the account running Ferry can read.');
  }
}

/** The normalised pin of a connection, or null when it verifies the chain (system CAs plus CA file). */
export const pinOf = (opts: TlsOptions): string | null => (opts.pinSha256 ? normalizeFingerprint(opts.pinSha256) : null);

/**
 * For a pinned connection (socket opened with `rejectUnauthorized: false`): once the handshake is done, the
 * certificate's fingerprint must match exactly, else the socket is destroyed with FERRY_PIN_MISMATCH.
 * Used directly and through a proxy tunnel (proxy.ts).
 */
export function enforcePin(socket: tls.TLSSocket, pin: string): void {
  socket.once('secureConnect', () => {
    const fp = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
    if (fp !== pin) {
      const err = Object.assign(new Error(`certificate fingerprint ${fp} does not match the pinned one`), { code: 'FERRY_PIN_MISMATCH' });
      socket.destroy(err);
    }
  });
}

/**
 * An https agent that always verifies: against the system CAs plus an optional CA file, or — for a pinned
 * connection — by the exact certificate fingerprint. There is no switch that ignores TLS.
 */
export function createHttpsAgent(opts: TlsOptions, maxSockets: number): https.Agent {
  const ca = trustedCas(opts);
  const pin = pinOf(opts);
  if (!pin) return new https.Agent({ keepAlive: true, maxSockets, ...(ca ? { ca } : {}) });
  const pinned: string = pin;
  class PinnedAgent extends https.Agent {
    override createConnection(options: tls.ConnectionOptions, cb?: (err: Error | null, socket: Duplex) => void): Duplex {
      // Chain verification is replaced by an exact match of the certificate's fingerprint.
      const socket = tls.connect({ ...options, rejectUnauthorized: false });
      enforcePin(socket, pinned);
      if (cb) cb(null, socket);
      return socket;
    }
  }
  return new PinnedAgent({ keepAlive: true, maxSockets });
}

/** Reads the certificate a server presents, without trusting it, so a test can show its fingerprint. */
export function fetchCertificateFingerprint(url: string, timeoutMs = 5000): Promise<string | null> {
  const u = new URL(url);
  if (u.protocol !== 'https:') return Promise.resolve(null);
  // URL keeps IPv6 hosts in brackets; SNI must not carry an IP address (RFC 6066, Node warns DEP0123).
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port: Number(u.port || 443), ...(net.isIP(host) ? {} : { servername: host }), rejectUnauthorized: false });
    const done = (v: string | null) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('secureConnect', () => done(socket.getPeerCertificate().fingerprint256 ?? null));
    socket.once('error', () => done(null));
  });
}

export const tlsHint = hints.tls;

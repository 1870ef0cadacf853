import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import type { Logger as ConnectorLogger } from '../connectors/types.js';
import { FerryError } from '../../shared/errors.js';

/**
 * Ferry's structured log: one JSON object per line in `<dataDir>/logs/ferry.log`.
 *
 * The rule that keeps secrets out of it is in the API shape, not only in the redaction:
 * - log objects carry ids and names — `{ connectionId, secretName: 'password' }`, `{ pipelineId, runId }` —
 *   never a secret's value, never a whole config or credentials object, never a raw HTTP request;
 * - messages are constant strings (`log.info({ connectionId }, 'connection tested')`), never built from values.
 * Redaction (below) is the safety net for mistakes: any property named like a secret (password, secret, apiKey,
 * token, ticket, authorization, cookie …) up to four levels deep is replaced by "[redacted]". A secret inside a
 * message string cannot be redacted — hence the rule above.
 */
export interface Logger extends ConnectorLogger {
  /** A logger that adds these fields (ids: `pipelineId`, `runId`, `connectionId` …) to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface LoggerOptions {
  /** One of `logLevels` (e.g. from FERRY_LOG_LEVEL); default `info`. Anything else throws FerryError('input'). */
  level?: LogLevel | (string & {});
}

export interface FileLogger {
  logger: Logger;
  /** Path of the log file. */
  file: string;
  /** Resolves when every line logged so far is in the file. */
  flush(): Promise<void>;
  /** Flushes and closes the file. Lines logged afterwards are dropped (never an exception). */
  close(): Promise<void>;
}

/** Property names whose values never reach the log. Matched exactly (pino redaction is case-sensitive). */
export const redactedKeys = [
  'password',
  'Password',
  'passwd',
  'pass',
  'secret',
  'secrets',
  'clientSecret',
  'client_secret',
  'apiKey',
  'apikey',
  'api_key',
  'ApiKey',
  'x-api-key',
  'token',
  'Token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'auth',
  'ticket',
  'Ticket',
  'authorization',
  'Authorization',
  'proxy-authorization',
  'Proxy-Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'privateKey',
  'private_key',
  'passphrase',
] as const;

/** How many levels of nesting below the top level are covered (`a.b.c.d.password` with 4). */
const redactDepth = 4;

export const redactCensor = '[redacted]';

function pathSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** pino/fast-redact paths: every redacted key at the top level and under 1..redactDepth wildcards. */
export function redactPaths(keys: readonly string[] = redactedKeys, depth = redactDepth): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const seg = pathSegment(key);
    paths.push(seg.startsWith('.') ? seg.slice(1) : seg);
    for (let d = 1; d <= depth; d++) paths.push('*' + '.*'.repeat(d - 1) + seg);
  }
  return paths;
}

function checkLevel(level: string): LogLevel {
  if ((logLevels as readonly string[]).includes(level)) return level as LogLevel;
  throw new FerryError('input', `Unknown log level "${level}".`, `Use one of: ${logLevels.join(', ')}.`);
}

function pinoOptions(level: LogLevel): pino.LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths(), censor: redactCensor },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** The log file inside a data folder. */
export function logFilePath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'ferry.log');
}

/**
 * Opens (appends to) `<dataDir>/logs/ferry.log`, creating the folder. Writes are synchronous: a line logged just
 * before a crash is in the file, and several Ferry processes appending to one file never interleave within a line.
 */
export function createLogger(dataDir: string, options: LoggerOptions = {}): FileLogger {
  const level = checkLevel(options.level ?? 'info');
  const file = logFilePath(dataDir);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw new FerryError(
      'storage',
      `Cannot create the log folder ${path.dirname(file)}: ${(e as Error).message}`,
      'Check that the data folder exists and that the account running Ferry may write to it (or choose another with --data-dir).',
    );
  }
  const destination = pino.destination({ dest: file, sync: true, append: true });
  const logger = pino(pinoOptions(level), destination);
  let closed: Promise<void> | null = null;

  return {
    logger,
    file,
    flush: async () => {
      if (closed) return closed;
      // Synchronous destination: nothing is buffered, but keep the call honest if that ever changes.
      destination.flushSync();
    },
    close: () => {
      if (closed) return closed;
      logger.level = 'silent';
      closed = new Promise<void>((resolve, reject) => {
        destination.once('close', () => resolve());
        destination.once('error', reject);
        destination.end();
      });
      return closed;
    },
  };
}

/** A logger that drops everything (tests, or before the data folder is known). */
export function createNullLogger(): Logger {
  return pino({ level: 'silent' });
}

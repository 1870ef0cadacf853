import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger as ConnectorLogger } from '../../main/connectors/types.js';
import { createLogger, createNullLogger, logFilePath, redactPaths } from '../../main/log/index.js';
import { isFerryError } from '../../shared/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function lines(dataDir: string): Array<Record<string, unknown>> {
  return readFileSync(logFilePath(dataDir), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('createLogger', () => {
  it('writes one JSON object per line to <dataDir>/logs/ferry.log, creating the folder', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const { logger, file, close } = createLogger(dataDir);
    expect(file).toBe(path.join(dataDir, 'logs', 'ferry.log'));
    logger.info({ pipelineId: 'pip_1', runId: 'run_7', counts: { created: 3 } }, 'run finished');
    logger.child({ connectionId: 'con_9' }).warn({ attempt: 2 }, 'retrying');
    await close();
    const [first, second] = lines(dataDir);
    expect(first).toMatchObject({ level: 'info', pipelineId: 'pip_1', runId: 'run_7', counts: { created: 3 }, msg: 'run finished', pid: process.pid });
    expect(new Date(first!['time'] as string).toISOString()).toBe(first!['time']);
    expect(second).toMatchObject({ level: 'warn', connectionId: 'con_9', attempt: 2, msg: 'retrying' });
  });

  it('keeps secret-looking properties out of the file, nested, in arrays, in errors and in child bindings', async () => {
    const { logger, close } = createLogger(dir, { level: 'debug' });
    const secret = 'hunter2-S3CRET';
    logger.info({ password: secret, apiKey: secret, token: secret, ticket: secret, authorization: secret, secret }, 'top level');
    logger.info({ request: { headers: { Authorization: `Bearer ${secret}`, 'x-api-key': secret, cookie: secret, accept: 'json' } } }, 'headers');
    logger.info({ a: { b: { c: { d: { password: secret } } } } }, 'four levels down');
    logger.info({ users: [{ name: 'ann', password: secret }] }, 'array');
    logger.info({ ctx: { secrets: { password: secret, apiKey: secret } } }, 'secrets object');
    const err = Object.assign(new Error('request failed'), { config: { headers: { Authorization: `Basic ${secret}` } } });
    logger.error({ err }, 'with error');
    logger.child({ accessToken: secret, refresh_token: secret }).debug({ connectionId: 'con_1' }, 'child');
    await close();
    const text = readFileSync(logFilePath(dir), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('hunter2');
    const all = lines(dir);
    expect(all).toHaveLength(7);
    expect(all[0]).toMatchObject({ password: '[redacted]', apiKey: '[redacted]', token: '[redacted]', ticket: '[redacted]', authorization: '[redacted]', secret: '[redacted]' });
    expect(all[1]).toMatchObject({ request: { headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', accept: 'json' } } });
    expect(all[5]).toMatchObject({ err: { message: 'request failed', config: { headers: { Authorization: '[redacted]' } } } });
    expect(all[6]).toMatchObject({ connectionId: 'con_1', accessToken: '[redacted]' });
  });

  it('redaction leaves ids and names alone (log ids, not values)', async () => {
    const { logger, close } = createLogger(dir);
    logger.info({ connectionId: 'con_1', secretName: 'password', ticketId: 'T-42', entity: 'ticket' }, 'secret updated');
    await close();
    expect(lines(dir)[0]).toMatchObject({ connectionId: 'con_1', secretName: 'password', ticketId: 'T-42', entity: 'ticket' });
  });

  it('honours the level and refuses unknown levels with an input error', async () => {
    const { logger, close } = createLogger(dir, { level: 'warn' });
    logger.info({}, 'dropped');
    logger.debug({}, 'dropped');
    logger.warn({}, 'kept');
    logger.error({}, 'kept too');
    await close();
    expect(lines(dir).map((l) => l['level'])).toEqual(['warn', 'error']);
    try {
      createLogger(dir, { level: 'verbose' });
      throw new Error('accepted');
    } catch (e) {
      expect(isFerryError(e) && e.category).toBe('input');
      expect(isFerryError(e) && e.hint).toMatch(/debug/);
    }
  });

  it('flush() resolves with every line on disk; close() is idempotent and later lines are dropped quietly', async () => {
    const log = createLogger(dir);
    log.logger.info({ n: 1 }, 'one');
    await log.flush();
    expect(lines(dir).map((l) => l['n'])).toEqual([1]);
    await Promise.all([log.close(), log.close()]);
    expect(() => log.logger.info({ n: 2 }, 'after close')).not.toThrow();
    await log.flush();
    expect(lines(dir).map((l) => l['n'])).toEqual([1]);
  });

  it('appends across sessions (the engine host and a CLI run share the file)', async () => {
    const a = createLogger(dir);
    const b = createLogger(dir);
    a.logger.info({ who: 'host' }, 'a');
    b.logger.info({ who: 'cli' }, 'b');
    a.logger.info({ who: 'host' }, 'c');
    await Promise.all([a.close(), b.close()]);
    const c = createLogger(dir);
    c.logger.info({ who: 'later' }, 'd');
    await c.close();
    expect(lines(dir).map((l) => l['msg'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a data folder that cannot hold the log folder is a storage error', () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      createLogger(file);
      throw new Error('accepted');
    } catch (e) {
      expect(isFerryError(e) && e.category).toBe('storage');
    }
  });

  it('fits the connectors’ Logger interface; the null logger accepts everything', () => {
    const { logger, close } = createLogger(dir);
    const asConnectorLogger: ConnectorLogger = logger;
    asConnectorLogger.debug({ x: 1 });
    void close();
    const nul = createNullLogger();
    const asConnector: ConnectorLogger = nul.child({ pipelineId: 'p' });
    expect(() => asConnector.error({ err: new Error('x') }, 'nothing')).not.toThrow();
  });

  it('covers each key at the top and up to four levels down', () => {
    const paths = redactPaths(['password', 'set-cookie'], 4);
    expect(paths).toEqual(['password', '*.password', '*.*.password', '*.*.*.password', '*.*.*.*.password', '["set-cookie"]', '*["set-cookie"]', '*.*["set-cookie"]', '*.*.*["set-cookie"]', '*.*.*.*["set-cookie"]']);
  });
});

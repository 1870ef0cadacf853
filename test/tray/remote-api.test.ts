import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../main/app/context.js';
import { startEngineHost, type EngineHost } from '../../main/service/host.js';
import { connectRemote, findRemoteApi, parseEvent, type RemoteApi } from '../../main/tray/remote-api.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { appContext } from '../support/app-context.js';
import { standinPipeline } from './fixtures.js';

describe('the tray\'s transport to an engine host in another process', () => {
  let ctx: AppContext;
  let host: EngineHost;
  let api: RemoteApi;
  let pipe: { name: string; id: string };

  beforeAll(async () => {
    ctx = appContext('ferry-remote-');
    pipe = await standinPipeline(ctx, 'north');
    host = await startEngineHost(ctx, { reloadMs: 3_600_000 });
    api = connectRemote({ url: host.url, token: fs.readFileSync(host.tokenFile, 'utf8').trim() });
  });
  afterAll(async () => {
    await host.stop();
    ctx.store.close();
  });

  it('calls an operation over the loopback API and gets the contract\'s answer', async () => {
    const kinds = await api.call('kinds.list', {});
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['centron', 'zabbix']));
    const list = await api.call('pipelines.list', {});
    expect(list.map((p) => p.name)).toEqual(['north']);
  });

  it('turns the host\'s error body into a FerryError with category and hint', async () => {
    await expect(api.call('pipelines.show', { name: 'nope' })).rejects.toMatchObject({ name: 'FerryError', category: 'not-found', hint: expect.stringMatching(/\S/) });
  });

  it('refuses an invalid input before it leaves this process, like the host would', async () => {
    await expect(api.call('pipelines.show', { name: '' })).rejects.toMatchObject({ category: 'input', message: expect.stringContaining('pipelines.show') });
    await expect(api.call('nope.op' as 'kinds.list', {})).rejects.toMatchObject({ category: 'input' });
  });

  it('refuses a wrong token with the host\'s auth error, and a dead address as unreachable', async () => {
    await expect(connectRemote({ url: host.url, token: 'wrong' }).call('kinds.list', {})).rejects.toMatchObject({ category: 'auth' });
    // A port that was just free: nothing listens there any more.
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    await expect(connectRemote({ url: `http://127.0.0.1:${port}`, token: 'x' }).call('kinds.list', {})).rejects.toMatchObject({ category: 'unreachable' });
  });

  it('receives the progress events of a run through the host\'s event stream', async () => {
    const events: ProgressEvent[] = [];
    let opened!: () => void;
    let finished!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const done = new Promise<void>((r) => (finished = r));
    const unsubscribe = api.subscribe(
      (e) => {
        events.push(e);
        if (e.phase === 'done' && e.entity === null) finished();
      },
      { open: opened },
    );
    await open;
    const result = await api.call('runs.start', { pipeline: pipe.name, trigger: 'tray' });
    await done;
    unsubscribe();
    expect(result).toMatchObject({ status: 'ok', entities: { customer: { created: 3 } } });
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.pipelineId === pipe.id && e.runId === result.run)).toBe(true);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['read', 'plan', 'apply', 'done']));
    expect(events.some((e) => e.phase === 'done' && e.entity === 'customer')).toBe(true);
    // The last event closes the whole run (entity null) and carries its status.
    expect(events.at(-1)).toMatchObject({ phase: 'done', entity: null, message: 'ok' });
  });
  it('a run started in the host\'s own process (the tray window) is announced once to every client of the host', async () => {
    const heard: ProgressEvent[] = [];
    let opened!: () => void;
    let finished!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const done = new Promise<void>((r) => (finished = r));
    const unsubscribe = api.subscribe(
      (e) => {
        heard.push(e);
        if (e.phase === 'done' && e.entity === null) finished();
      },
      { open: opened },
    );
    await open;
    const { callOperation } = await import('../../main/app/operations.js');
    const result = await callOperation(host.env, 'runs.start', { pipeline: pipe.name, trigger: 'tray' });
    await done;
    unsubscribe();
    const mine = heard.filter((e) => e.runId === result.run);
    expect(mine.filter((e) => e.phase === 'done' && e.entity === null)).toHaveLength(1);
    // No event twice: each (phase, entity, processed) step arrives once.
    const keys = mine.map((e) => `${e.phase}/${e.entity}/${e.side}/${e.processed}/${JSON.stringify(e.counts)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells when the host ends the stream (it stopped), but not when this side closed it', async () => {
    const other = appContext('ferry-remote-end-');
    const h = await startEngineHost(other, { reloadMs: 3_600_000 });
    const remote = connectRemote({ url: h.url, token: fs.readFileSync(h.tokenFile, 'utf8').trim() });
    const ends: string[] = [];
    let opened = 0;
    let bothOpen!: () => void;
    const open = new Promise<void>((r) => (bothOpen = r));
    const onOpen = () => {
      if (++opened === 2) bothOpen();
    };
    let ended!: () => void;
    const end = new Promise<void>((r) => (ended = r));
    const closeMine = remote.subscribe(() => undefined, { open: onOpen, end: () => ends.push('closed here') });
    remote.subscribe(() => undefined, {
      open: onOpen,
      end: (e) => {
        ends.push(e.category);
        ended();
      },
    });
    await open;
    closeMine();
    await h.stop();
    await end;
    other.store.close();
    expect(ends).toEqual(['unreachable']);
  });

  it('is not found for this process\'s own host (it uses its engine directly), nor where no host runs', () => {
    expect(findRemoteApi(ctx.store, ctx.dataDir)).toBeNull();
    const other = appContext('ferry-remote-none-');
    expect(findRemoteApi(other.store, other.dataDir)).toBeNull();
    other.store.close();
  });
});

describe('server-sent event parsing', () => {
  const e: ProgressEvent = { runId: 'r', pipelineId: 'p', phase: 'read', entity: 'customer', side: 'left', processed: 1, total: null, counts: null, message: null };
  it('reads progress events and skips comments, other events and malformed data', () => {
    expect(parseEvent(`event: progress\ndata: ${JSON.stringify(e)}`)).toEqual(e);
    expect(parseEvent(': ferry events')).toBeNull();
    expect(parseEvent(`event: other\ndata: ${JSON.stringify(e)}`)).toBeNull();
    expect(parseEvent('event: progress\ndata: {not json')).toBeNull();
    expect(parseEvent(`event: progress\ndata: ${JSON.stringify({ ...e, phase: 'dancing' })}`)).toBeNull();
  });
});

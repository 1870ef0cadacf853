import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connections } from '../../main/app/connections.js';
import { callOperation } from '../../main/app/operations.js';
import { pipelines } from '../../main/app/pipelines.js';
import { appContext } from '../support/app-context.js';

describe('pipelines.update', () => {
  let ctx: ReturnType<typeof appContext>;
  beforeEach(async () => {
    ctx = appContext('ferry-update-');
    ctx.setNow(new Date('2026-03-01T10:00:00Z'));
    await connections.create(ctx, { kind: 'centron', name: 'erp', url: 'https://erp.example/CentronService', username: 'ferry' });
    await connections.create(ctx, { kind: 'zabbix', name: 'rmm', url: 'https://zabbix.example/', username: 'Admin' });
    pipelines.create(ctx, {
      name: 'p',
      left: 'erp',
      right: 'rmm',
      entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'to-left' }],
      mapping: { customer: { name: '{number} - {name}' } },
      timeZone: 'Europe/Berlin',
    });
  });
  afterEach(() => ctx.store.close());

  it('changes the schedule and keeps the rest, the links and the activation; bumps modifiedAt', async () => {
    const before = pipelines.show(ctx, 'p');
    ctx.store.db.prepare("INSERT INTO links (pipeline_id, entity, left_id, right_id, synced_at) VALUES (?, 'customer', '1', 'g1', ?)").run(before.id, before.createdAt);
    ctx.setNow(new Date('2026-03-02T10:00:00Z'));
    const p = await callOperation({ ctx }, 'pipelines.update', { name: 'p', everyMinutes: 30, fullAt: null });
    expect(p.config.schedule).toEqual({ ...before.config.schedule, everyMinutes: 30, fullAt: null });
    expect(p.config.entities).toEqual(before.config.entities);
    expect(p.config.deleteGuard).toEqual(before.config.deleteGuard);
    expect(p.modifiedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(p.activatedAt).toBe(before.activatedAt);
    expect(ctx.store.db.prepare('SELECT COUNT(*) AS n FROM links WHERE pipeline_id = ?').get(before.id)).toEqual({ n: 1 });
  });

  it('replaces entities and policies, keeps a flow\'s template, renames', () => {
    const p = pipelines.update(ctx, { name: 'p', newName: 'erp-rmm', entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'device', direction: 'both' }], deletePolicy: { customer: 'propagate' }, deleteGuard: { percent: 20, max: 5 } });
    expect(p.name).toBe('erp-rmm');
    expect(p.config.entities.customer).toMatchObject({ direction: 'to-right', deletePolicy: 'propagate', mapping: { name: '{number} - {name}' } });
    expect(p.config.entities.device).toMatchObject({ direction: 'both', conflictPolicy: 'manual' });
    expect(p.config.deleteGuard).toEqual({ percent: 20, max: 5 });
    expect(() => pipelines.show(ctx, 'p')).toThrow(/no pipeline/);
  });

  it('validates like create: newer-wins where a system lacks modification times, bad schedules, templates on two-way flows', async () => {
    const before = JSON.stringify(pipelines.show(ctx, 'p'));
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', entities: [{ entity: 'device', direction: 'both' }], conflictPolicy: { device: 'newer-wins' } })).rejects.toMatchObject({ category: 'unsupported', hint: expect.stringContaining('manual') as string });
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ category: 'input' });
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', everyMinutes: 2 })).rejects.toMatchObject({ category: 'input' });
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', entities: [{ entity: 'customer', direction: 'both' }] })).rejects.toMatchObject({ category: 'unsupported' });
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', match: { ticket: 'number' } })).rejects.toMatchObject({ category: 'input' });
    expect(JSON.stringify(pipelines.show(ctx, 'p'))).toBe(before);
  });

  it('an unknown pipeline is not-found; a new name that is taken is refused', async () => {
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'nope', everyMinutes: 30 })).rejects.toMatchObject({ category: 'not-found', hint: expect.stringContaining('pipelines list') as string });
    pipelines.create(ctx, { name: 'other', left: 'erp', right: 'rmm', entities: [{ entity: 'customer', direction: 'to-right' }] });
    await expect(callOperation({ ctx }, 'pipelines.update', { name: 'p', newName: 'OTHER' })).rejects.toMatchObject({ category: 'input' });
  });
});

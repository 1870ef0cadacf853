import { Direction, EntityName, MatchKey, type EntityName as EntityNameT } from '../../shared/entities.js';
import { FerryError } from '../../shared/errors.js';
import { ConflictPolicy, DeletePolicy } from '../../shared/model.js';

export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

const entityHint = `Entities: ${EntityName.options.join(', ')}.`;

export function parseEntity(name: string): EntityNameT {
  const r = EntityName.safeParse(name);
  if (!r.success) throw new FerryError('input', `Unknown entity "${name}".`, entityHint);
  return r.data;
}

/** `customer:to-right` → { entity, direction } */
export function parseEntityFlow(v: string): { entity: EntityNameT; direction: Direction } {
  const [e, d] = v.split(':');
  const entity = parseEntity(e ?? '');
  const dir = Direction.safeParse(d);
  if (!dir.success) throw new FerryError('input', `Bad direction in --entity ${v}.`, 'Write <entity>:<to-right|to-left|both>, e.g. --entity customer:to-right.');
  return { entity, direction: dir.data };
}

function keyValue(v: string, flag: string, example: string): [string, string] {
  const i = v.indexOf('=');
  if (i <= 0) throw new FerryError('input', `Bad ${flag} "${v}".`, `Write ${flag} ${example}.`);
  return [v.slice(0, i), v.slice(i + 1)];
}

export function parseOptions(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of list) {
    const [k, val] = keyValue(v, '--option', 'key=value');
    out[k] = val;
  }
  return out;
}

export function parseMatch(list: string[]): Partial<Record<EntityNameT, MatchKey>> {
  const out: Partial<Record<EntityNameT, MatchKey>> = {};
  for (const v of list) {
    const [e, k] = keyValue(v, '--match', 'customer=number');
    const m = MatchKey.safeParse(k);
    if (!m.success) throw new FerryError('input', `Bad match key "${k}".`, 'Use number, name or external-id.');
    out[parseEntity(e)] = m.data;
  }
  return out;
}

export function parseDeletePolicy(list: string[]): Partial<Record<EntityNameT, DeletePolicy>> {
  const out: Partial<Record<EntityNameT, DeletePolicy>> = {};
  for (const v of list) {
    const [e, k] = keyValue(v, '--delete', 'customer=ignore');
    const m = DeletePolicy.safeParse(k);
    if (!m.success) throw new FerryError('input', `Bad delete policy "${k}".`, 'Use propagate, ignore or archive.');
    out[parseEntity(e)] = m.data;
  }
  return out;
}

/** `60m` or `60` → 60; 5 to 1440 minutes. */
export function parseMinutes(v: string, flag: string): number {
  const m = /^(\d+)\s*m?$/.exec(v.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n < 5 || n > 1440) throw new FerryError('input', `Bad interval ${flag} "${v}".`, 'Give whole minutes from 5 to 1440, e.g. 15m or 60m.');
  return n;
}

export function parseEntityEvery(list: string[]): Partial<Record<EntityNameT, number>> {
  const out: Partial<Record<EntityNameT, number>> = {};
  for (const v of list) {
    const [e, m] = keyValue(v, '--entity-every', 'device=45m');
    out[parseEntity(e)] = parseMinutes(m, '--entity-every');
  }
  return out;
}

export function parseTimeOfDay(v: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) throw new FerryError('input', `Bad time "${v}".`, 'Give a wall-clock time as HH:MM, e.g. 23:55.');
  return v;
}

export function parseTimeZone(v: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return v;
  } catch {
    throw new FerryError('input', `Unknown time zone "${v}".`, 'Give an IANA zone such as Europe/Berlin or UTC.');
  }
}

export async function readStdinSecret(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new FerryError('input', '--secret-stdin expects the secret on standard input, not a terminal.', 'Pipe it in: `printf %s "$PASSWORD" | ferry connections set-secret <name> --secret-stdin`.');
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const s = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (s.length === 0) throw new FerryError('input', 'No secret arrived on standard input.', 'Pipe the password or API key into the command.');
  return s;
}

export function parseConflictPolicy(list: string[]): Partial<Record<EntityNameT, ConflictPolicy>> {
  const out: Partial<Record<EntityNameT, ConflictPolicy>> = {};
  for (const v of list) {
    const [e, k] = keyValue(v, '--conflict', 'customer=manual');
    const m = ConflictPolicy.safeParse(k);
    if (!m.success) throw new FerryError('input', `Bad conflict policy "${k}".`, 'Use manual, left-wins, right-wins or newer-wins (only where both systems report modification times).');
    out[parseEntity(e)] = m.data;
  }
  return out;
}

/** `customer.name={number} - {name}` → { customer: { name: '{number} - {name}' } } */
export function parseMapping(list: string[]): Partial<Record<EntityNameT, Record<string, string>>> {
  const out: Partial<Record<EntityNameT, Record<string, string>>> = {};
  for (const v of list) {
    const [key, template] = keyValue(v, '--map', '"customer.name={number} - {name}"');
    const [e, field] = key.split('.');
    if (!field) throw new FerryError('input', `Bad --map "${v}".`, 'Write --map <entity>.<field>=<template>, e.g. --map "customer.name={number} - {name}".');
    const entity = parseEntity(e ?? '');
    out[entity] = { ...(out[entity] ?? {}), [field]: template };
  }
  return out;
}

/** `10,50` → { percent: 10, max: 50 } */
export function parseDeleteGuard(v: string): { percent: number; max: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*,\s*(\d+)\s*$/.exec(v);
  const percent = m ? Number(m[1]) : NaN;
  if (!m || percent > 100) throw new FerryError('input', `Bad --delete-guard "${v}".`, 'Write <percent>,<max>, e.g. --delete-guard 10,50 (stop above 10 % of the linked records or above 50).');
  return { percent, max: Number(m[2]) };
}

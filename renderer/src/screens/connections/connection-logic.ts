import type { OpInput, OptionField } from '../../../../shared/contract.js';
import type { Connection } from '../../../../shared/model.js';
import { changedOptions, type OptionValues } from './option-logic.js';

/** What the edit form holds (strings only; an empty user name means "none"). */
export interface EditValues {
  name: string;
  url: string;
  username: string;
  /** The connection's options as edited (see option-logic.ts). */
  options: OptionValues;
}

export const editValuesOf = (c: Connection): EditValues => ({ name: c.name, url: c.url, username: c.username ?? '', options: { ...c.options } });

/** The `connections.update` input with only what changed (options: only the changed keys), or null when nothing did. */
export function updateInput(c: Connection, v: EditValues, fields: readonly OptionField[] = []): OpInput<'connections.update'> | null {
  const out: OpInput<'connections.update'> = { name: c.name };
  const name = v.name.trim();
  const url = v.url.trim();
  const username = v.username.trim() === '' ? null : v.username.trim();
  if (name !== c.name) out.newName = name;
  if (url !== c.url) out.url = url;
  if (username !== c.username) out.username = username;
  const options = changedOptions(fields, c.options, v.options);
  if (Object.keys(options).length) out.options = options;
  return Object.keys(out).length > 1 ? out : null;
}

/** Problems the admin can fix before anything is sent (keys into the connections namespace). */
export function editProblems(v: Omit<EditValues, 'options'>): Partial<Record<'name' | 'url', string>> {
  const p: Partial<Record<'name' | 'url', string>> = {};
  if (v.name.trim() === '') p.name = 'edit.nameRequired';
  else if (v.name.trim().length > 80) p.name = 'edit.nameTooLong';
  if (v.url.trim() === '') p.url = 'edit.urlRequired';
  return p;
}

/** A plain e-mail check for "test as user" (the service checks it again). */
export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** Seed 003: a connection that has been used to sync cannot be deleted, only disabled. */
export const usedToSync = (c: Connection): boolean => c.firstUsedAt !== null;

export type Health = Connection['health'];
export const healthColor: Record<Health, 'success' | 'informative' | 'danger' | 'warning' | 'subtle'> = {
  ok: 'success',
  untested: 'informative',
  error: 'danger',
  'needs-credentials': 'warning',
  disabled: 'subtle',
};

/** The reads to fetch again after a connection changed. */
export const connectionReads = ['connections.list', 'connections.show', 'connections.capabilities', 'status.get', 'pipelines.list'] as const;

import type { EntityName } from '../../shared/entities.js';
import type { RemoteRecord } from '../connectors/types.js';
import type { LinkKey } from './state-port.js';

/**
 * Records held between reading and planning, kept small: one JSON string per record with the values only (the
 * field names once per shape), plus what the caller wants kept with it (e.g. the record's hash). A run reads
 * a whole side before it may write (the mass-delete guard needs the complete read), so this is what it holds.
 * Data goes through JSON: canonical records are plain JSON values; so must `extra` be.
 */
export class RecordCodec<E extends EntityName = EntityName> {
  private readonly shapes: string[][] = [];
  private readonly shapeOf = new Map<string, number>();

  private last = -1;

  encode(r: RemoteRecord<E>, extra: unknown): string {
    const d = r.data as Record<string, unknown>;
    const keys = Object.keys(d).filter((k) => d[k] !== undefined);
    // Records of one read nearly always share their shape: compare with the last one before looking it up.
    let shape = this.last >= 0 && sameKeys(this.shapes[this.last]!, keys) ? this.last : this.shapeOf.get(keys.join('\u0000'));
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push(keys);
      this.shapeOf.set(keys.join('\u0000'), shape);
    }
    this.last = shape;
    // Optional record fields: present (even as null) or absent, as read.
    const out: unknown[] = [extra, r.id, shape, 0];
    let mask = 0;
    if (r.version !== undefined) {
      mask |= 1;
      out.push(r.version);
    }
    if (r.modifiedAt !== undefined) {
      mask |= 2;
      out.push(r.modifiedAt);
    }
    if (r.parents !== undefined) {
      mask |= 4;
      out.push(r.parents);
    }
    if (r.stamp !== undefined) {
      mask |= 8;
      out.push(r.stamp);
    }
    out[3] = mask;
    for (const k of keys) out.push(d[k]);
    return JSON.stringify(out);
  }

  decode(s: string): { extra: unknown; rec: RemoteRecord<E> } {
    const a = JSON.parse(s) as unknown[];
    const keys = this.shapes[a[2] as number]!;
    const mask = a[3] as number;
    let i = 4;
    const rec: RemoteRecord<E> = { id: a[1] as string, data: null as unknown as RemoteRecord<E>['data'] };
    if (mask & 1) rec.version = a[i++] as string | null;
    if (mask & 2) rec.modifiedAt = a[i++] as string | null;
    if (mask & 4) rec.parents = a[i++] as string[];
    if (mask & 8) rec.stamp = a[i++] as string | null;
    const data: Record<string, unknown> = {};
    for (const k of keys) data[k] = a[i++];
    rec.data = data as RemoteRecord<E>['data'];
    return { extra: a[0], rec };
  }
}

/** What planning needs of a link, without the rest of the row. */
export interface LinkRef {
  /** The other side's id. */
  t: string;
  /** Hash of this side's record at the last sync. */
  h: string | null;
  /** Hash of the other side's record at the last sync. */
  o: string | null;
}

/**
 * A link as planning holds it for a whole entity: one flat string `<h length>|<o length>|<h><o><t>` (length `-` for
 * a null hash), about half of what the row's strings and an object cost.
 */
export type PackedLink = string;

export function packLink(r: LinkRef): PackedLink {
  return [r.h === null ? '-' : r.h.length, r.o === null ? '-' : r.o.length, `${r.h ?? ''}${r.o ?? ''}${r.t}`].join('|');
}

/** Where the hashes start, and their lengths (-1: null). */
function layout(v: PackedLink): [start: number, h: number, o: number] {
  let i = 0;
  const num = (): number => {
    if (v.charCodeAt(i) === 45) {
      i += 2; // "-|"
      return -1;
    }
    let n = 0;
    for (let c = v.charCodeAt(i); c !== 124; c = v.charCodeAt(++i)) n = n * 10 + (c - 48);
    i++;
    return n;
  };
  const h = num();
  const o = num();
  return [i, h, o];
}

export function unpackLink(v: PackedLink): LinkRef {
  const [i, h, o] = layout(v);
  const hl = Math.max(h, 0);
  const ol = Math.max(o, 0);
  return { h: h < 0 ? null : v.slice(i, i + hl), o: o < 0 ? null : v.slice(i + hl, i + hl + ol), t: v.slice(i + hl + ol) };
}

/** Whether the link's hash of this side is `hash` (the delta fast path: no strings made). */
export function linkHashIs(v: PackedLink, hash: string): boolean {
  const [i, h] = layout(v);
  return h === hash.length && v.startsWith(hash, i);
}

/** Links by one side's id, packed; `count` = links given. */
export function linkIndex(links: Iterable<LinkKey>, side: 'left' | 'right'): { refs: Map<string, PackedLink>; count: number } {
  const refs = new Map<string, PackedLink>();
  let count = 0;
  for (const l of links) {
    count++;
    if (side === 'left') refs.set(l.leftId, packLink({ t: l.rightId, h: l.leftHash, o: l.rightHash }));
    else refs.set(l.rightId, packLink({ t: l.leftId, h: l.rightHash, o: l.leftHash }));
  }
  return { refs, count };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

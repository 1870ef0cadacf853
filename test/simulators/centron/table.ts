// One in-memory table: records kept in ascending I3D order (lookups by binary search, no per-record map,
// so loading 100 000 generated records is a plain array copy), with an optional index on a foreign key
// (CustomerI3D), built on first use, so filtered paging never scans the whole table.

type Key = number | null;

function lowerBound<T extends { readonly I3D: number }>(rows: readonly T[], id: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as T).I3D < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts, or replaces the record with the same I3D; answers the replaced record. */
function upsertSorted<T extends { readonly I3D: number }>(rows: T[], rec: T): T | undefined {
  const last = rows[rows.length - 1];
  if (last === undefined || last.I3D < rec.I3D) {
    rows.push(rec);
    return undefined;
  }
  const at = lowerBound(rows, rec.I3D);
  const old = rows[at];
  if (old?.I3D === rec.I3D) {
    rows[at] = rec;
    return old;
  }
  rows.splice(at, 0, rec);
  return undefined;
}

function removeSorted<T extends { readonly I3D: number }>(rows: T[], id: number): T | undefined {
  const at = lowerBound(rows, id);
  const old = rows[at];
  if (old?.I3D !== id) return undefined;
  rows.splice(at, 1);
  return old;
}

const EMPTY: readonly never[] = Object.freeze([]);

export class Table<T extends { readonly I3D: number }> {
  private rows: T[] = [];
  private index: Map<Key, T[]> | null = null;
  /** Bumped on every change; caches of filtered views compare it. */
  version = 0;
  private nextId: number;

  constructor(
    firstId: number,
    private readonly keyOf?: (rec: T) => Key,
  ) {
    this.nextId = firstId;
  }

  /** The next free I3D (never reused, also after deletes). */
  allocateId(): number {
    return this.nextId++;
  }

  get size(): number {
    return this.rows.length;
  }

  get(id: number): T | undefined {
    const rec = this.rows[lowerBound(this.rows, id)];
    return rec?.I3D === id ? rec : undefined;
  }

  /** All records in I3D order. Do not mutate. */
  all(): readonly T[] {
    return this.rows;
  }

  /** Records whose key (e.g. CustomerI3D) equals `key`, in I3D order. Do not mutate. */
  byKey(key: Key): readonly T[] {
    return this.buildIndex().get(key) ?? EMPTY;
  }

  /** Inserts or replaces the record with the same I3D (and freezes it). */
  put(rec: T): void {
    Object.freeze(rec);
    const old = upsertSorted(this.rows, rec);
    if (rec.I3D >= this.nextId) this.nextId = rec.I3D + 1;
    this.version++;
    if (!this.index || !this.keyOf) return;
    if (old !== undefined) removeSorted(this.bucket(this.keyOf(old)), old.I3D);
    upsertSorted(this.bucket(this.keyOf(rec)), rec);
  }

  /** Bulk insert (the generator's output): a plain copy when the records come in ascending I3D order after the existing ones. */
  putMany(recs: readonly T[]): void {
    let lastId = this.rows[this.rows.length - 1]?.I3D ?? -Infinity;
    for (const rec of recs) {
      if (rec.I3D <= lastId) {
        for (const r of recs) this.put(r);
        return;
      }
      lastId = rec.I3D;
    }
    for (const rec of recs) if (!Object.isFrozen(rec)) Object.freeze(rec);
    this.rows = this.rows.length === 0 ? recs.slice() : this.rows.concat(recs);
    if (lastId >= this.nextId) this.nextId = lastId + 1;
    this.index = null;
    this.version++;
  }

  remove(id: number): boolean {
    const old = removeSorted(this.rows, id);
    if (old === undefined) return false;
    if (this.index && this.keyOf) removeSorted(this.bucket(this.keyOf(old)), id);
    this.version++;
    return true;
  }

  private buildIndex(): Map<Key, T[]> {
    if (!this.keyOf) throw new Error('table has no index');
    if (!this.index) {
      const index = new Map<Key, T[]>();
      for (const rec of this.rows) {
        const key = this.keyOf(rec);
        const rows = index.get(key);
        if (rows) rows.push(rec);
        else index.set(key, [rec]);
      }
      this.index = index;
    }
    return this.index;
  }

  private bucket(key: Key): T[] {
    const index = this.buildIndex();
    let rows = index.get(key);
    if (!rows) {
      rows = [];
      index.set(key, rows);
    }
    return rows;
  }
}

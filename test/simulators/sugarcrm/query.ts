// A small SQL WHERE / ORDER BY evaluator for `query` and `order_by` of v4_1 (MySQL semantics where it matters:
// string literals in single or double quotes, '' and backslash escapes, case-insensitive comparison as with a
// *_general_ci collation). Anything it does not understand is a database error, as on a real server.
import type { ModuleDef } from './modules.js';

export class QueryError extends Error {}

type Row = Readonly<Record<string, string>>;

type Tok =
  | { t: 'id'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: string }
  | { t: 'op'; v: string }
  | { t: 'kw'; v: string }
  | { t: '('; v: '(' }
  | { t: ')'; v: ')' }
  | { t: ','; v: ',' };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IS', 'NULL', 'IN', 'ASC', 'DESC']);

/** MySQL string-literal escapes: \0 \' \" \b \n \r \t \Z \\; \% and \_ keep their backslash (for LIKE); others drop it. */
function unescape(c: string): string {
  switch (c) {
    case '0':
      return '\0';
    case 'b':
      return '\b';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'Z':
      return '\x1a';
    case '%':
      return '\\%';
    case '_':
      return '\\_';
    default:
      return c;
  }
}

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const q = c;
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new QueryError('unterminated string literal');
        const d = src[i] as string;
        if (d === '\\') {
          if (i + 1 >= src.length) throw new QueryError('unterminated string literal');
          v += unescape(src[i + 1] as string);
          i += 2;
        } else if (d === q) {
          if (src[i + 1] === q) {
            v += q;
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          v += d;
          i++;
        }
      }
      out.push({ t: 'str', v });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, v: c } as Tok);
      i++;
      continue;
    }
    const op = /^(>=|<=|<>|!=|=|<|>)/.exec(src.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[1] === '!=' ? '<>' : (op[1] as string) });
      i += (op[1] as string).length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^`?([A-Za-z_][A-Za-z0-9_]*)`?(\.`?([A-Za-z_][A-Za-z0-9_]*)`?)?/.exec(src.slice(i));
    if (id) {
      const word = id[0].replace(/`/g, '');
      if (!id[2] && KEYWORDS.has(word.toUpperCase())) out.push({ t: 'kw', v: word.toUpperCase() });
      else out.push({ t: 'id', v: word });
      i += id[0].length;
      continue;
    }
    throw new QueryError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

type Expr = (row: Row) => boolean;
type Value = { kind: 'col'; name: string } | { kind: 'lit'; v: string; num: boolean };

/** Resolves `table.column` or `column` to a db column of the module (else a database error). */
function resolveColumn(mod: ModuleDef, ref: string): string {
  const parts = ref.split('.');
  const col = (parts.length === 2 ? parts[1] : parts[0]) as string;
  if (parts.length === 2 && (parts[0] as string).toLowerCase() !== mod.table) throw new QueryError(`Unknown table '${parts[0]}'`);
  const def = mod.fields.find((x) => x.name === col.toLowerCase());
  if (!def || !def.db) throw new QueryError(`Unknown column '${ref}' in 'where clause'`);
  return def.name;
}

const fold = (s: string): string => s.toLocaleLowerCase('de-DE');

function compare(a: string, b: string, numeric: boolean): number {
  if (numeric && a !== '' && !Number.isNaN(Number(a))) return Number(a) - Number(b);
  const x = fold(a);
  const y = fold(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      re += (pattern[i + 1] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'isu');
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly mod: ModuleDef,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new QueryError('unexpected end of query');
    return t;
  }
  private isKw(v: string): boolean {
    const t = this.peek();
    return t?.t === 'kw' && t.v === v;
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }

  parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKw('OR')) {
      this.i++;
      const l = left;
      const r = this.parseAnd();
      left = (row) => l(row) || r(row);
    }
    return left;
  }
  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKw('AND')) {
      this.i++;
      const l = left;
      const r = this.parseNot();
      left = (row) => l(row) && r(row);
    }
    return left;
  }
  private parseNot(): Expr {
    if (this.isKw('NOT')) {
      this.i++;
      const e = this.parseNot();
      return (row) => !e(row);
    }
    return this.parsePredicate();
  }
  private value(): Value {
    const t = this.next();
    if (t.t === 'id') return { kind: 'col', name: resolveColumn(this.mod, t.v) };
    if (t.t === 'str') return { kind: 'lit', v: t.v, num: false };
    if (t.t === 'num') return { kind: 'lit', v: t.v, num: true };
    throw new QueryError(`syntax error near '${t.v}'`);
  }
  private parsePredicate(): Expr {
    const t = this.peek();
    if (t?.t === '(') {
      this.i++;
      const e = this.parseOr();
      if (this.next().t !== ')') throw new QueryError('missing )');
      return e;
    }
    const left = this.value();
    const get = (v: Value) => (row: Row) => (v.kind === 'col' ? (row[v.name] ?? '') : v.v);
    const lv = get(left);
    let negate = false;
    if (this.isKw('IS')) {
      this.i++;
      if (this.isKw('NOT')) {
        this.i++;
        negate = true;
      }
      if (!this.isKw('NULL')) throw new QueryError('syntax error after IS');
      this.i++;
      return (row) => (lv(row) === '') !== negate;
    }
    if (this.isKw('NOT')) {
      this.i++;
      negate = true;
    }
    if (this.isKw('LIKE')) {
      this.i++;
      const pat = this.value();
      const pv = get(pat);
      return (row) => likeToRegex(pv(row)).test(lv(row)) !== negate;
    }
    if (this.isKw('IN')) {
      this.i++;
      if (this.next().t !== '(') throw new QueryError('syntax error after IN');
      const items: Value[] = [];
      for (;;) {
        items.push(this.value());
        const sep = this.next();
        if (sep.t === ')') break;
        if (sep.t !== ',') throw new QueryError('syntax error in IN list');
      }
      const getters = items.map(get);
      return (row) => getters.some((g) => compare(lv(row), g(row), false) === 0) !== negate;
    }
    if (negate) throw new QueryError('syntax error after NOT');
    const op = this.next();
    if (op.t !== 'op') throw new QueryError(`syntax error near '${op.v}'`);
    const right = this.value();
    const rv = get(right);
    const numeric = (left.kind === 'lit' && left.num) || (right.kind === 'lit' && right.num);
    return (row) => {
      const a = lv(row);
      const b = rv(row);
      if (a === '' && left.kind === 'col' && numeric) return false;
      const c = compare(a, b, numeric);
      switch (op.v) {
        case '=':
          return c === 0;
        case '<>':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        default:
          return c >= 0;
      }
    };
  }
}

/** Compiles a WHERE fragment ('' = everything). Throws QueryError on anything a database would reject. */
export function compileWhere(mod: ModuleDef, query: string): Expr {
  if (query.trim() === '') return () => true;
  const p = new Parser(tokenize(query), mod);
  const e = p.parseOr();
  if (!p.done()) throw new QueryError('syntax error: trailing input');
  return e;
}

/** Compiles an ORDER BY fragment ("accounts.date_modified ASC, name") into a comparator ('' = none). */
export function compileOrder(mod: ModuleDef, orderBy: string): ((a: Row, b: Row) => number) | null {
  if (orderBy.trim() === '') return null;
  const keys = orderBy.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    if (words.length < 1 || words.length > 2 || words[0] === '') throw new QueryError('syntax error in ORDER BY');
    const dir = (words[1] ?? 'ASC').toUpperCase();
    if (dir !== 'ASC' && dir !== 'DESC') throw new QueryError('syntax error in ORDER BY');
    return { col: resolveColumn(mod, (words[0] as string).replace(/`/g, '')), sign: dir === 'ASC' ? 1 : -1 };
  });
  return (a, b) => {
    for (const k of keys) {
      const c = compare(a[k.col] ?? '', b[k.col] ?? '', false);
      if (c !== 0) return c * k.sign;
    }
    return 0;
  };
}

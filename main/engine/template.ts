import { FerryError } from '../../shared/errors.js';

/**
 * Ferry's field templates — a small, documented language with no code execution:
 *   literal text, and `{field}` placeholders with optional filters: `{field|upper}`, `{field|lower}`,
 *   `{field|trim}`, `{field|left:N}` (first N characters), `{field|default:text}` (when empty or null).
 * Filters chain left to right: `{name|trim|left:40}`. `{{` and `}}` stand for literal braces.
 * Example: `{number} - {name|trim}` makes "10001 - Müller GmbH".
 */
export type Template = (data: Record<string, unknown>) => string;

const FILTERS = ['upper', 'lower', 'trim', 'left', 'default'] as const;

interface Part {
  literal?: string;
  field?: string;
  filters?: { name: (typeof FILTERS)[number]; arg: string | null }[];
}

export function compileTemplate(src: string, allowedFields: readonly string[]): Template {
  const parts: Part[] = [];
  let i = 0;
  let lit = '';
  const bad = (why: string) => new FerryError('input', `Template "${src}": ${why}.`, `Write literal text and {field} placeholders, e.g. "{number} - {name|trim}". Fields: ${allowedFields.join(', ')}. Filters: upper, lower, trim, left:N, default:text.`);
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '{' && src[i + 1] === '{') {
      lit += '{';
      i += 2;
    } else if (ch === '}' && src[i + 1] === '}') {
      lit += '}';
      i += 2;
    } else if (ch === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw bad('a "{" is not closed');
      if (lit) parts.push({ literal: lit });
      lit = '';
      const [field, ...fs] = src.slice(i + 1, end).split('|').map((x) => x.trim());
      if (!field || !allowedFields.includes(field)) throw bad(`unknown field "${field ?? ''}"`);
      const filters = fs.map((f) => {
        const [name, ...rest] = f.split(':');
        if (!(FILTERS as readonly string[]).includes(name ?? '')) throw bad(`unknown filter "${name}"`);
        const arg = rest.length ? rest.join(':') : null;
        if (name === 'left' && !/^\d+$/.test(arg ?? '')) throw bad('left needs a number, e.g. left:40');
        return { name: name as (typeof FILTERS)[number], arg };
      });
      parts.push({ field, filters });
      i = end + 1;
    } else if (ch === '}') {
      throw bad('a "}" has no "{"');
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push({ literal: lit });
  return (data) =>
    parts
      .map((p) => {
        if (p.literal !== undefined) return p.literal;
        const raw = data[p.field!];
        let v = raw === null || raw === undefined ? '' : String(raw);
        for (const f of p.filters ?? []) {
          if (f.name === 'upper') v = v.toLocaleUpperCase('de-DE');
          else if (f.name === 'lower') v = v.toLocaleLowerCase('de-DE');
          else if (f.name === 'trim') v = v.trim();
          else if (f.name === 'left') v = [...v].slice(0, Number(f.arg)).join('');
          else if (f.name === 'default' && v.trim() === '') v = f.arg ?? '';
        }
        return v;
      })
      .join('');
}

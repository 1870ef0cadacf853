import { FerryError } from '../../../shared/errors.js';

/**
 * Just enough XML for WebDAV answers: elements by local name (servers pick their own prefixes: `d:`, `D:`, none),
 * text with entities and CDATA decoded. Namespaces are not told apart; DAV and CardDAV names do not collide.
 */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const entity = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += entity(m[6]);
    else if (m[3] !== undefined) {
      const local = m[3].includes(':') ? m[3].slice(m[3].indexOf(':') + 1) : m[3];
      if (m[2] === '/') {
        if (stack.length > 1) stack.pop();
      } else {
        const node: XmlNode = { name: local, children: [], text: '' };
        top.children.push(node);
        if (m[5] !== '/') stack.push(node);
      }
    }
  }
  return root;
}

export const child = (n: XmlNode | undefined, name: string): XmlNode | undefined => n?.children.find((c) => c.name === name);
export const children = (n: XmlNode | undefined, name: string): XmlNode[] => n?.children.filter((c) => c.name === name) ?? [];
/** First descendant with this name (depth first). */
export function find(n: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!n) return undefined;
  for (const c of n.children) {
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}

export interface DavResponse {
  href: string;
  /** The response-level status (sync-collection reports deleted members as 404 here), else null. */
  status: number | null;
  /** Properties found with a 2xx propstat, by local name. */
  props: Map<string, XmlNode>;
}

const statusCode = (s: string | undefined): number | null => {
  const m = /HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(s ?? '');
  return m ? Number(m[1]) : null;
};

/** A 207 multistatus as responses, plus the sync-token when there is one. */
export function parseMultistatus(xml: string, what: string): { responses: DavResponse[]; syncToken: string | null } {
  const doc = parseXml(xml);
  const ms = child(doc, 'multistatus');
  if (!ms) throw new FerryError('config', `${what}: the answer is not a WebDAV multistatus.`, 'Check that the URL points to a CardDAV server (e.g. https://dav.example.com/ or the address book URL).');
  const responses: DavResponse[] = [];
  for (const r of children(ms, 'response')) {
    const href = child(r, 'href')?.text.trim() ?? '';
    const props = new Map<string, XmlNode>();
    for (const ps of children(r, 'propstat')) {
      const st = statusCode(child(ps, 'status')?.text);
      if (st === null || st < 200 || st >= 300) continue;
      for (const p of child(ps, 'prop')?.children ?? []) props.set(p.name, p);
    }
    responses.push({ href, status: statusCode(child(r, 'status')?.text), props });
  }
  const token = child(ms, 'sync-token')?.text.trim();
  return { responses, syncToken: token ? token : null };
}

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

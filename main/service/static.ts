import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same policy Electron's window gets: only this origin, no frames, no plugins. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where the built renderer is: FERRY_RENDERER_DIR, else dist/renderer of the package this file belongs to. */
export function rendererDir(from: string = import.meta.dirname): string | null {
  if (process.env['FERRY_RENDERER_DIR']) return process.env['FERRY_RENDERER_DIR'];
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ferry') return path.join(dir, 'dist', 'renderer');
      } catch {}
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Serves the renderer's files (GET only, no directory listing, nothing outside the folder). */
export function serveStatic(res: http.ServerResponse, dir: string | null, pathname: string): void {
  const base = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'content-security-policy': CSP };
  const index = dir ? path.join(dir, 'index.html') : null;
  if (!dir || !index || !fs.existsSync(index)) {
    res.writeHead(404, { ...base, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The Ferry UI is not built. Run `npm run build:renderer` (or `npm run serve`, which builds it), then reload.\n');
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    rel = '/';
  }
  const file = path.resolve(dir, `.${rel === '/' ? '/index.html' : rel}`);
  const inside = file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { ...base, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found.\n');
    return;
  }
  const immutable = rel.startsWith('/assets/');
  res.writeHead(200, { ...base, 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  fs.createReadStream(file).pipe(res);
}

#!/usr/bin/env node
// Draws Ferry's icons and writes them to build/icons (or `--out <dir>`), with nothing but node:zlib:
// - tray-<state>.png (16 px) and tray-<state>@2x.png (32 px) for the states idle, syncing, attention, paused;
// - icon.png (256 px) and icon.ico (16, 32, 48 as bitmaps and 256 as PNG) for the window, the installer and the exe.
// The output is deterministic: test/build/icons.test.ts checks the committed files are what this script draws.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'build', 'icons');

const BLUE = [15, 108, 189];
const GREY = [112, 112, 112];
const WHITE = [255, 255, 255];
const GREEN = [16, 124, 16];
const RED = [196, 43, 28];

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** The colour of the point (x, y) in the unit square, or null where the icon is transparent. */
function shade(state, x, y) {
  const badge = state === 'syncing' ? GREEN : state === 'attention' ? RED : null;
  if (badge) {
    if (inCircle(x, y, 0.76, 0.76, 0.2)) return badge;
    if (inCircle(x, y, 0.76, 0.76, 0.26)) return null; // a transparent ring parts the badge from the disc
  }
  if (!inCircle(x, y, 0.5, 0.5, 0.47)) return null;
  if (state === 'paused') {
    if (inRect(x, y, 0.33, 0.28, 0.44, 0.72) || inRect(x, y, 0.56, 0.28, 0.67, 0.72)) return WHITE;
    return GREY;
  }
  // A ferry: the hull (a trapezoid narrowing downwards) and the cabin on it.
  if (y >= 0.52 && y <= 0.7) {
    const inset = ((y - 0.52) / 0.18) * 0.1;
    if (x >= 0.2 + inset && x <= 0.8 - inset) return WHITE;
  }
  if (inRect(x, y, 0.36, 0.3, 0.62, 0.5)) return WHITE;
  return BLUE;
}

/** RGBA pixels of one icon, 4×4 samples per pixel for smooth edges. */
function draw(state, size) {
  const n = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade(state, (pxi + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + pxi) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
      }
      px[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return px;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(rgba, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A 32-bit bitmap entry of an .ico: BITMAPINFOHEADER, BGRA rows bottom-up, an all-zero AND mask (alpha decides). */
function dib(rgba, size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, pixels, mask]);
}

function ico(entries) {
  const head = Buffer.alloc(6 + 16 * entries.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(entries.length, 4);
  let offset = head.length;
  entries.forEach(({ size, data }, i) => {
    const e = 6 + i * 16;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4); // planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...entries.map((e) => e.data)]);
}

fs.mkdirSync(out, { recursive: true });
for (const state of ['idle', 'syncing', 'attention', 'paused']) {
  fs.writeFileSync(path.join(out, `tray-${state}.png`), png(draw(state, 16), 16));
  fs.writeFileSync(path.join(out, `tray-${state}@2x.png`), png(draw(state, 32), 32));
}
fs.writeFileSync(path.join(out, 'icon.png'), png(draw('idle', 256), 256));
fs.writeFileSync(
  path.join(out, 'icon.ico'),
  ico([
    ...[16, 32, 48].map((size) => ({ size, data: dib(draw('idle', size), size) })),
    { size: 256, data: png(draw('idle', 256), 256) },
  ]),
);

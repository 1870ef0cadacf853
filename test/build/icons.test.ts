import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const icons = path.join(repo, 'build/icons');
const states = ['idle', 'syncing', 'attention', 'paused'] as const;

/** Decodes the PNGs scripts/make-icons.mjs writes (8-bit RGBA, filter 0), checking every chunk's CRC. */
function readPng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len), `CRC of ${type}`).toBe(zlib.crc32(buf.subarray(off + 4, off + 8 + len)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const raw = zlib.inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const alpha = (p: { width: number; rgba: Buffer }, x: number, y: number) => p.rgba[(y * p.width + x) * 4 + 3];

describe('the icons in build/icons', () => {
  it('are exactly what scripts/make-icons.mjs draws', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-icons-'));
    execFileSync(process.execPath, [path.join(repo, 'scripts/make-icons.mjs'), '--out', out]);
    const made = fs.readdirSync(out).sort();
    expect(made).toEqual(fs.readdirSync(icons).sort());
    for (const f of made) expect(fs.readFileSync(path.join(icons, f)).equals(fs.readFileSync(path.join(out, f))), f).toBe(true);
  });

  it('has a 16 px tray icon and its 32 px @2x twin per state: round, transparent corners, and different per state', () => {
    const pixels = new Set<string>();
    for (const s of states) {
      for (const [file, size] of [[`tray-${s}.png`, 16], [`tray-${s}@2x.png`, 32]] as const) {
        const p = readPng(fs.readFileSync(path.join(icons, file)));
        expect([p.width, p.height], file).toEqual([size, size]);
        expect(alpha(p, 0, 0), file).toBe(0);
        expect(alpha(p, size / 2, size / 2), file).toBe(255);
        if (size === 16) pixels.add(p.rgba.toString('hex'));
      }
    }
    expect(pixels.size).toBe(states.length);
  });

  it('has a 256 px PNG and an .ico with 16, 32, 48 (bitmaps) and 256 (PNG) for the exe and the installer', () => {
    expect(readPng(fs.readFileSync(path.join(icons, 'icon.png')))).toMatchObject({ width: 256, height: 256 });
    const ico = fs.readFileSync(path.join(icons, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const entries = Array.from({ length: count }, (_, i) => {
      const e = 6 + i * 16;
      return { size: ico[e] || 256, bpp: ico.readUInt16LE(e + 6), bytes: ico.readUInt32LE(e + 8), offset: ico.readUInt32LE(e + 12) };
    });
    expect(entries.map((e) => e.size)).toEqual([16, 32, 48, 256]);
    for (const e of entries) {
      expect(e.bpp).toBe(32);
      expect(e.offset + e.bytes).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(e.offset, e.offset + e.bytes);
      if (e.size === 256) {
        expect(readPng(data)).toMatchObject({ width: 256, height: 256 });
      } else {
        // BITMAPINFOHEADER: height counts the colour rows and the AND mask rows.
        expect([data.readUInt32LE(0), data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([40, e.size, e.size * 2, 32]);
        expect(e.bytes).toBe(40 + e.size * e.size * 4 + Math.ceil(e.size / 32) * 4 * e.size);
      }
    }
  });
});

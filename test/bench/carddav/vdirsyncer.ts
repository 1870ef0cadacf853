// vdirsyncer (Debian package `vdirsyncer`) as the comparison: a config with one pair per address-book pair, both
// storages CardDAV through the counting proxy, `conflict_resolution = "a wins"`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cpuTimes, withCpuTimes } from './cpu.js';

export const VDIRSYNCER_BIN = '/usr/bin/vdirsyncer';

export function haveVdirsyncer(): boolean {
  return fs.existsSync(VDIRSYNCER_BIN);
}

export interface VdirPair {
  name: string;
  /** Address-book URLs (through the proxy). */
  a: string;
  b: string;
}

const q = (s: string) => JSON.stringify(s);

/** Writes `<dir>/config` and returns its path. */
export function writeConfig(dir: string, pairs: VdirPair[], user: string, password: string): string {
  fs.mkdirSync(path.join(dir, 'status'), { recursive: true });
  const lines = ['[general]', `status_path = ${q(path.join(dir, 'status'))}`, ''];
  for (const p of pairs) {
    lines.push(`[pair ${p.name}]`, `a = ${q(`${p.name}_a`)}`, `b = ${q(`${p.name}_b`)}`, 'collections = null', 'conflict_resolution = "a wins"', '');
    for (const [side, url] of [['a', p.a], ['b', p.b]] as const) {
      lines.push(`[storage ${p.name}_${side}]`, 'type = "carddav"', `url = ${q(url)}`, `username = ${q(user)}`, `password = ${q(password)}`, '');
    }
  }
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** Runs `vdirsyncer <args>` with this config (asynchronously: the counting proxy lives in this process); throws with
 * its output when it fails. */
export async function vdirsyncer(config: string, args: string[]): Promise<{ ms: number; output: string; cpuMs: number }> {
  const t0 = performance.now();
  const [cmd, cmdArgs] = withCpuTimes(VDIRSYNCER_BIN, ['--config', config, ...args]);
  const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const ms = performance.now() - t0;
  const cpu = cpuTimes(output);
  if (code !== 0) throw new Error(`vdirsyncer ${args.join(' ')} exited with ${code}: ${cpu.stderr.slice(-3000)}`);
  return { ms, output: cpu.stderr, cpuMs: cpu.cpuMs };
}

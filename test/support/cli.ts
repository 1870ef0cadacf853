import { spawn } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Runs the real `ferry` command (bin/ferry.js) in its own process, as an admin's script would. */
export function ferry(args: string[], o: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(repo, 'bin/ferry.js'), ...args], { cwd: repo, env: { ...process.env, ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = null;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
    p.stdin.end(o.stdin ?? '');
  });
}

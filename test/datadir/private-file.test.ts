import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assertPrivateFile,
  icaclsArgs,
  parseWhoamiSid,
  windowsPrincipalFromEnv,
  writePrivateFile,
  type ExecFileFn,
} from '../../main/datadir/private-file.js';
import { isFerryError } from '../../shared/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-private-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (p: string): number => statSync(p).mode & 0o777;

describe('writePrivateFile on POSIX (real file system)', () => {
  it('writes the content with mode 0600, owned by this user', async () => {
    const file = path.join(dir, 'service.token');
    await writePrivateFile(file, 'tok-123');
    expect(readFileSync(file, 'utf8')).toBe('tok-123');
    expect(mode(file)).toBe(0o600);
    expect(statSync(file).uid).toBe(process.getuid!());
    expect(readdirSync(dir)).toEqual(['service.token']); // no temporary file left
  });

  it('makes an existing world-readable file private when replacing it', async () => {
    const file = path.join(dir, 'service.token');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    await writePrivateFile(file, Buffer.from('new'));
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(mode(file)).toBe(0o600);
  });

  it('is 0600 whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const file = path.join(dir, 'a.token');
      await writePrivateFile(file, 'x');
      expect(mode(file)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('replaces a symlink at the target instead of writing through it', async () => {
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    chmodSync(victim, 0o644);
    const file = path.join(dir, 'service.token');
    symlinkSync(victim, file);
    await writePrivateFile(file, 'secret-token');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(mode(victim)).toBe(0o644);
    expect(statSync(file).isFile()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('secret-token');
  });

  it('a missing folder is a storage error and leaves nothing behind', async () => {
    const file = path.join(dir, 'missing', 'service.token');
    await expect(writePrivateFile(file, 'x')).rejects.toMatchObject({ category: 'storage' });
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('assertPrivateFile refuses a file others can read', async () => {
    const file = path.join(dir, 'open.token');
    writeFileSync(file, 'x');
    chmodSync(file, 0o640);
    await expect(assertPrivateFile(file)).rejects.toSatisfy((e: unknown) => isFerryError(e) && e.category === 'storage' && /mode 0640/.test(e.message));
    chmodSync(file, 0o600);
    await expect(assertPrivateFile(file)).resolves.toBeUndefined();
  });
});

describe('writePrivateFile on Windows (command builder and flow, with a fake execFile)', () => {
  it('icacls arguments: drop inheritance, grant only the owner full control, no shell quoting needed', () => {
    expect(icaclsArgs('C:\\ProgramData\\Ferry\\service token', 'CORP\\admin')).toEqual(['C:\\ProgramData\\Ferry\\service token', '/inheritance:r', '/grant:r', 'CORP\\admin:F']);
    expect(icaclsArgs('C:\\x', '*S-1-5-18')).toEqual(['C:\\x', '/inheritance:r', '/grant:r', '*S-1-5-18:F']);
    expect(() => icaclsArgs('C:\\x', '')).toThrow();
    expect(() => icaclsArgs('C:\\x', 'evil:F /grant Everyone')).toThrow();
  });

  it('finds the account: the SID from whoami, else DOMAIN\\USERNAME', () => {
    expect(parseWhoamiSid('"corp\\admin","S-1-5-21-1004336348-1177238915-682003330-512"\r\n')).toBe('*S-1-5-21-1004336348-1177238915-682003330-512');
    expect(parseWhoamiSid('"nt authority\\system","S-1-5-18"')).toBe('*S-1-5-18');
    expect(parseWhoamiSid('garbage')).toBeNull();
    expect(windowsPrincipalFromEnv({ USERNAME: 'admin', USERDOMAIN: 'CORP' })).toBe('CORP\\admin');
    expect(windowsPrincipalFromEnv({ username: 'admin' })).toBe('admin');
    expect(windowsPrincipalFromEnv({})).toBeNull();
  });

  it('restricts the still-empty temporary file before writing the content, then moves it into place', async () => {
    const file = path.join(dir, 'service.token');
    const calls: Array<{ file: string; args: readonly string[]; contentAtCall: string | null }> = [];
    const exec: ExecFileFn = async (cmd, args) => {
      const target = cmd === 'icacls' ? args[0]! : null;
      calls.push({ file: cmd, args, contentAtCall: target ? readFileSync(target, 'utf8') : null });
      if (cmd === 'whoami') return { stdout: '"corp\\svc-ferry","S-1-5-21-1-2-3-1105"\r\n', stderr: '' };
      return { stdout: 'processed file', stderr: '' };
    };
    await writePrivateFile(file, 'tok-456', { platform: 'win32', exec, env: {} });
    expect(calls.map((c) => c.file)).toEqual(['whoami', 'icacls']);
    expect(calls[0]!.args).toEqual(['/user', '/fo', 'csv', '/nh']);
    const icacls = calls[1]!;
    expect(path.dirname(icacls.args[0]!)).toBe(dir); // a temporary file next to the target …
    expect(icacls.args[0]).not.toBe(file);
    expect(icacls.args.slice(1)).toEqual(['/inheritance:r', '/grant:r', '*S-1-5-21-1-2-3-1105:F']);
    expect(icacls.contentAtCall).toBe(''); // … restricted before the secret went in
    expect(readFileSync(file, 'utf8')).toBe('tok-456');
    expect(readdirSync(dir)).toEqual(['service.token']);
  });

  it('falls back to DOMAIN\\USERNAME when whoami fails', async () => {
    const seen: string[] = [];
    const exec: ExecFileFn = async (cmd, args) => {
      if (cmd === 'whoami') throw new Error('not found');
      seen.push(args[3]!);
      return { stdout: '', stderr: '' };
    };
    await writePrivateFile(path.join(dir, 't'), 'x', { platform: 'win32', exec, env: { USERNAME: 'admin', USERDOMAIN: 'CORP' } });
    expect(seen).toEqual(['CORP\\admin:F']);
  });

  it('an icacls failure is a storage error; the old file stays and no temporary file is left', async () => {
    const file = path.join(dir, 'service.token');
    writeFileSync(file, 'previous');
    const exec: ExecFileFn = async (cmd) => {
      if (cmd === 'whoami') return { stdout: '"a\\b","S-1-5-18"', stderr: '' };
      throw new Error('Access is denied.');
    };
    await expect(writePrivateFile(file, 'new', { platform: 'win32', exec, env: {} })).rejects.toSatisfy(
      (e: unknown) => isFerryError(e) && e.category === 'storage' && /icacls failed: Access is denied/.test(e.message),
    );
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['service.token']);
  });
});

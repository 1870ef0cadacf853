import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../shared/errors.js';

/**
 * Files only the current account may read (the service token): POSIX mode 0600, on Windows an owner-only ACL.
 *
 * The content never sits in a file anyone else can read, not even for a moment: it is written to a new temporary
 * file in the same folder that is restricted *before* the content goes in, then renamed over the target
 * (atomic; a symlink at the target is replaced, never followed). On POSIX the mode is verified afterwards.
 * Windows caveat: between creating the empty temporary file and `icacls` the folder's inherited ACL applies, so
 * someone with read access to the data folder could open a handle to the (still empty) file in that window.
 */

export type ExecFileFn = (file: string, args: readonly string[]) => Promise<{ stdout: string; stderr: string }>;

export interface PrivateFileOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Runs a program without a shell (default: child_process.execFile). Injected in tests. */
  exec?: ExecFileFn;
}

const storageHint = 'Check that the account running Ferry owns the data folder and may change file permissions in it (or choose another with --data-dir).';

const defaultExec: ExecFileFn = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { windowsHide: true, shell: false }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });

/** `icacls <file> /inheritance:r /grant:r <principal>:F` — drop inherited entries, leave only the owner with full control. */
export function icaclsArgs(file: string, principal: string): string[] {
  if (principal === '' || /[\r\n:]/.test(principal)) throw new Error(`invalid Windows principal: ${JSON.stringify(principal)}`);
  return [file, '/inheritance:r', '/grant:r', `${principal}:F`];
}

/** The account `whoami /user /fo csv /nh` reports, as an icacls SID reference (`*S-1-5-…`), or null. */
export function parseWhoamiSid(stdout: string): string | null {
  // One CSV line: "DOMAIN\user","S-1-5-21-…"
  const match = /"(S-1-[0-9-]+)"\s*$/m.exec(stdout.trim());
  return match ? `*${match[1]}` : null;
}

/** The current account from the environment: DOMAIN\user (USERDOMAIN\USERNAME) or the bare user name. */
export function windowsPrincipalFromEnv(env: NodeJS.ProcessEnv): string | null {
  const get = (name: string): string | undefined => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : env[key];
    return value === undefined || value === '' ? undefined : value;
  };
  const user = get('USERNAME');
  if (!user) return null;
  const domain = get('USERDOMAIN');
  return domain ? `${domain}\\${user}` : user;
}

/**
 * The principal to grant: the SID of the running account (exact, also for service accounts such as LocalSystem,
 * whose USERNAME is `HOST$`), else DOMAIN\USERNAME from the environment.
 */
export async function currentWindowsPrincipal(exec: ExecFileFn, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await exec('whoami', ['/user', '/fo', 'csv', '/nh']);
    const sid = parseWhoamiSid(stdout);
    if (sid) return sid;
  } catch {
    // fall back to the environment
  }
  const fromEnv = windowsPrincipalFromEnv(env);
  if (fromEnv) return fromEnv;
  throw new FerryError('storage', 'Cannot tell which Windows account runs Ferry (whoami failed and USERNAME is not set).', storageHint);
}

/** POSIX: throws unless the file is owned by this process's user and has mode 0600 exactly. */
export async function assertPrivateFile(filePath: string): Promise<void> {
  const info = await stat(filePath);
  const mode = info.mode & 0o777;
  const uid = process.getuid?.();
  if (mode !== 0o600 || (uid !== undefined && info.uid !== uid)) {
    throw new FerryError(
      'storage',
      `${filePath} is not private to the account running Ferry (mode ${mode.toString(8).padStart(4, '0')}, owner uid ${info.uid}).`,
      `${storageHint} The file must be owned by this account with mode 0600 (the data folder's file system must support POSIX permissions).`,
    );
  }
}

export async function writePrivateFile(filePath: string, content: string | Uint8Array, options: PrivateFileOptions = {}): Promise<void> {
  const platform = options.platform ?? process.platform;
  const exec = options.exec ?? defaultExec;
  const env = options.env ?? process.env;
  const tmp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // 'wx': a new file, never an existing one or a symlink's target.
    const handle = await open(tmp, 'wx', 0o600);
    created = true;
    try {
      if (platform === 'win32') {
        await handle.close();
        const principal = await currentWindowsPrincipal(exec, env);
        try {
          await exec('icacls', icaclsArgs(tmp, principal));
        } catch (e) {
          throw new FerryError('storage', `Cannot restrict access to ${filePath} (icacls failed: ${(e as Error).message.trim()}).`, storageHint);
        }
        const reopened = await open(tmp, 'r+');
        try {
          await reopened.writeFile(content);
          await reopened.sync();
        } finally {
          await reopened.close();
        }
      } else {
        await handle.chmod(0o600); // exactly 0600 whatever the umask
        await handle.writeFile(content);
        await handle.sync();
        await handle.close();
      }
    } catch (e) {
      await handle.close().catch(() => undefined);
      throw e;
    }
    await rename(tmp, filePath);
    created = false;
  } catch (e) {
    if (created) await unlink(tmp).catch(() => undefined);
    if (e instanceof FerryError) throw e;
    throw new FerryError('storage', `Cannot write ${filePath}: ${(e as Error).message}`, storageHint);
  }
  if (platform !== 'win32') await assertPrivateFile(filePath);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorBody, FerryError, toErrorBody } from '../../shared/errors.js';
import { englishHint, hintIdOf, hintIds, hintPatterns, hints, splitHint, type HintId } from '../../shared/hints.js';

describe('hint ids in ErrorBody', () => {
  it('an ErrorBody from a FerryError with a shared hint carries its hintId', () => {
    const body = new FerryError('auth', 'Zabbix refused the login.', hints.auth).toJSON();
    expect(body).toEqual({ category: 'auth', message: 'Zabbix refused the login.', hint: hints.auth, hintId: 'auth' });
    expect(toErrorBody(new FerryError('permission', 'x', hints.permission, { status: 403 }))).toMatchObject({ hintId: 'permission', details: { status: 403 } });
    expect(ErrorBody.parse(JSON.parse(JSON.stringify(body)))).toEqual(body);
  });

  it('a shared hint followed by more text keeps that text and still names the shared hint', () => {
    const hint = `${hints.auth} The OAuth client and user must still be valid in the CRM.`;
    const body = toErrorBody(new FerryError('auth', 'x', hint));
    expect(body).toMatchObject({ hint, hintId: 'auth' });
    expect(splitHint(hint).map((p) => (p.kind === 'hint' ? p.id : p.text))).toEqual(['auth', ' The OAuth client and user must still be valid in the CRM.']);
    // Known hints after the first one are found too; the parts always join back to the hint.
    const zabbix = `${hints.permission} ${hints.zabbixSuperAdmin}`;
    expect(splitHint(zabbix).map((p) => (p.kind === 'hint' ? p.id : p.text))).toEqual(['permission', ' ', 'zabbixSuperAdmin']);
    for (const h of [hint, zabbix, `Check in c-entron first. ${hints.auth}`, 'Nothing shared here.']) expect(splitHint(h).map((p) => p.text).join('')).toBe(h);
  });

  it('carries the values of a hint with placeholders, never more than the hint text shows', () => {
    // app/open-connector.ts and the 1CRM client fill in the connection's name and the secret's name.
    const hint = hints.needsCredentials.replace('<name>', 'ERP Kunde A').replace('--secret-stdin', '--secret-name clientSecret --secret-stdin');
    const body = new FerryError('needs-credentials', 'Connection "ERP Kunde A" needs credentials.', hint).toJSON();
    expect(body).toMatchObject({ hintId: 'needsCredentials', hintParams: { name: 'ERP Kunde A', secretArgs: '--secret-name clientSecret --secret-stdin' } });
    expect(englishHint('needsCredentials', body.hintParams)).toBe(hint);
    expect(hintIdOf('Ferry supports Zabbix 6.0 and newer: upgrade Zabbix.')).toEqual({ hintId: 'zabbixVersion', hintParams: { version: '6.0' } });
    expect(hintIdOf(`${hints.tls} If you trust this server, pin it: --option pinSha256=AB:CD`)).toEqual({ hintId: 'tls' });
  });

  it('leaves hints it does not know alone, names the internal-bug hint, and drops ids from another Ferry version', () => {
    expect(new FerryError('busy', 'Busy.', 'Wait.').toJSON()).toEqual({ category: 'busy', message: 'Busy.', hint: 'Wait.' });
    expect(toErrorBody(new Error('boom'))).toMatchObject({ category: 'internal', hint: hints.internalBug, hintId: 'internalBug' });
    expect(ErrorBody.parse({ category: 'auth', message: 'm', hint: 'h', hintId: 'fromTheFuture', hintParams: { a: 1 } })).toEqual({ category: 'auth', message: 'm', hint: 'h' });
  });
});

describe('hint ids and the backend', () => {
  it('every hint id still matches a hint Ferry sends (main/ uses hints.<id> or spells out its text)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const source = files('main')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
      .replace(/\\(['`])/g, '$1');
    const keychain = 'The OS keychain cannot be used: ${how}. Then test the connection again; if its secret is missing, set it with `ferry connections set-secret <name> --secret-stdin`.';
    const guard = 'If the deletes are intended, run once with --confirm-deletes; otherwise check why the ${source} system returned fewer records (filters, rights).';
    // Hints main/ puts together at run time: the pieces it puts them together from.
    const pieces: Partial<Record<HintId, string[]>> = {
      guardDeletesLeft: [guard],
      guardDeletesRight: [guard],
      keychainLinux: [keychain, "'a Secret Service (e.g. gnome-keyring) must run and be unlocked in the session of the account that runs Ferry'"],
      keychainMac: [keychain, "'the login keychain of the account that runs Ferry must be unlocked'"],
      keychainWindows: [keychain, "'the Windows Credential Manager of the account that runs Ferry must be available'"],
    };
    const asSource = (pattern: string) => new RegExp(pattern.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\S+?'));
    for (const id of hintIds) {
      if (source.includes(`hints.${id}`)) continue;
      const want = pieces[id];
      if (want) for (const p of want) expect(source.includes(p), `main/ no longer sends "${p}" (${id})`).toBe(true);
      else expect(asSource(hintPatterns[id]).test(source), `main/ no longer sends hint ${id}: "${hintPatterns[id]}"`).toBe(true);
    }
  });
});

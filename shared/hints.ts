// The hints Ferry sends most, by id: the English text the backend sends and the id the window translates
// (renderer/src/i18n/locales/*/common.json `hints.<id>`). A hint that is, or starts with, one of these carries its id.
import { z } from 'zod';

/**
 * The hints an admin meets most, in the English Ferry sends. Each key is also a hint id: an ErrorBody whose hint is
 * (or starts with) one of them carries `hintId`, and the UI shows the translation `hints.<id>` from
 * renderer/src/i18n/locales/<lang>/common.json instead (test/renderer/error-hints.test.tsx checks that every id
 * has one). Connectors use the first six directly (`hints.auth`); the others are still spelled out at their call
 * sites, and test/shared/error-hints.test.ts checks that each text still occurs in main/: change a text here and
 * there together.
 */
export const hints = {
  unreachable: 'System not available: check the URL and port, that the service is running and that this server can reach it (firewall, proxy).',
  auth: 'Cannot connect with the given credentials: check the user name and update the password (ferry connections set-secret <name> --secret-stdin).',
  permission: 'The account lacks rights: grant the connection user the rights the preflight check lists, then test again.',
  tls: 'The certificate could not be verified: trust your internal CA (--option caFile=<path>) or pin the certificate fingerprint the test shows (--option pinSha256=<fingerprint>).',
  config: 'The URL does not point at the expected API: check the address entered for this connection (its path: for c-entron the web service URL with the instance name, for Zabbix the frontend URL in front of /api_jsonrpc.php, for a CRM the site URL) and that the system version is supported.',
  needsCredentials: 'No secret for this connection in the keychain of the account running Ferry: set it with `ferry connections set-secret <name> --secret-stdin`.',
  // toErrorBody, scheduler; c-entron
  internalBug: 'This is a bug in Ferry. Keep the log file from the data folder and report it.',
  internalBugKeepLog: 'This is a bug in Ferry. Keep the log file and report it.',
  // engine/run.ts (`the ${source} system`), engine/run-two-way.ts
  guardDeletesLeft: 'If the deletes are intended, run once with --confirm-deletes; otherwise check why the left system returned fewer records (filters, rights).',
  guardDeletesRight: 'If the deletes are intended, run once with --confirm-deletes; otherwise check why the right system returned fewer records (filters, rights).',
  guardDeletesTwoWay: 'If the deletes are intended, run once with --confirm-deletes; otherwise check why one system returned fewer records (filters, rights).',
  // app/runs.ts, store/open.ts
  busyPipeline: 'Wait for that run to finish (see `ferry status`), then try again.',
  busyDatabase: 'Wait for the other Ferry process to finish and try again.',
  // secrets/keytar-store.ts (loadFailedHint, unavailableHint per platform), secrets/memory-store.ts
  keychainModule: 'Ferry could not load its keychain module. On Linux install libsecret (libsecret-1-0) and run a Secret Service such as gnome-keyring; otherwise reinstall Ferry.',
  keychainLinux:
    'The OS keychain cannot be used: a Secret Service (e.g. gnome-keyring) must run and be unlocked in the session of the account that runs Ferry. Then test the connection again; if its secret is missing, set it with `ferry connections set-secret <name> --secret-stdin`.',
  keychainMac:
    'The OS keychain cannot be used: the login keychain of the account that runs Ferry must be unlocked. Then test the connection again; if its secret is missing, set it with `ferry connections set-secret <name> --secret-stdin`.',
  keychainWindows:
    'The OS keychain cannot be used: the Windows Credential Manager of the account that runs Ferry must be available. Then test the connection again; if its secret is missing, set it with `ferry connections set-secret <name> --secret-stdin`.',
  keychainLocked: 'Unlock the keychain of the account that runs Ferry, then test the connection again.',
  // connection tests and preflight checks of the connectors
  preflightFixAbove: 'Fix the check above first.',
  preflightNext: 'Run the preflight checks next.',
  testWithoutTargetUser: 'Test the connection without a target user.',
  centronUnreachable: 'System not available: check that the c-entron application server and its database are running, then test again.',
  retryConcurrency: "Ferry retries automatically; if it persists, lower the connection's concurrency (--option maxConcurrent=2).",
  zabbixSuperAdmin:
    'Give the Ferry user the "Super admin role" in Zabbix (Users → Users → <user> → Permissions → Role): in Zabbix 6.0 only Super admins may create, rename and delete host groups, which is how Ferry keeps customers.',
  crmUserActive: 'The user must be active in the CRM.',
  crmAssignRecords: 'The connection user must be allowed to assign records to other users (the admin role is).',
  actForUsersOff: 'Turn off "act for each user" for this pipeline.',
  // per-record errors of a run
  deletedInZabbix: 'It was deleted in Zabbix; a full sync recreates or unlinks it according to the delete policy.',
  deletedThere: 'It was deleted there; a full sync recreates or unlinks it according to the delete policy.',
} as const;

/**
 * Hints with variable parts, `{{param}}` marking each (the translations use the same placeholders). The values
 * travel in ErrorBody.hintParams; they come from the hint text itself, which never holds a secret.
 */
export const hintTemplates = {
  unreachableRetry: 'System not available: check that {{system}} is running and healthy; Ferry retries on the next run.',
  tlsPin: 'If you trust this server, pin it: --option pinSha256={{fingerprint}}',
  zabbixVersion: 'Ferry supports Zabbix {{version}} and newer: upgrade Zabbix.',
  enableConnection: 'Enable it (`ferry connections enable {{connection}}`) or change the pipeline.',
} as const;

export type HintId = keyof typeof hints | keyof typeof hintTemplates;
export const hintIds = [...Object.keys(hints), ...Object.keys(hintTemplates)] as [HintId, ...HintId[]];
export const HintId = z.enum(hintIds);
export const isHintId = (id: unknown): id is HintId => typeof id === 'string' && (hintIds as string[]).includes(id);

/**
 * The English of every hint id as a pattern. needsCredentials is sent with the connection's name for `<name>`
 * (app/open-connector.ts) and, for 1CRM, with `--secret-name <secret>` before `--secret-stdin`.
 */
export const hintPatterns: Readonly<Record<HintId, string>> = {
  ...hints,
  needsCredentials: 'No secret for this connection in the keychain of the account running Ferry: set it with `ferry connections set-secret {{name}} {{secretArgs}}`.',
  ...hintTemplates,
};

/** The English hint for an id, with its placeholders filled in. */
export function englishHint(id: HintId, params: Record<string, string> = {}): string {
  return hintPatterns[id].replace(/\{\{(\w+)\}\}/g, (m, name: string) => params[name] ?? m);
}

/** What a placeholder may match when it is not "anything up to the next fixed text". */
const paramPatterns: Record<string, string> = { secretArgs: '(?:--secret-name \\S+ )?--secret-stdin' };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = hintIds.map((id) => {
  const pieces = hintPatterns[id].split(/\{\{(\w+)\}\}/);
  const names: string[] = [];
  let source = '';
  pieces.forEach((p, i) => {
    if (i % 2 === 0) source += escapeRe(p);
    else {
      names.push(p);
      // Unless paramPatterns says otherwise, a placeholder inside the text ends at the next fixed text; one at the
      // very end runs to the next space.
      source += `(${paramPatterns[p] ?? (i === pieces.length - 2 && pieces[i + 1] === '' ? '\\S+' : '.+?')})`;
    }
  });
  return { id, names, re: new RegExp(source) };
});

/** One piece of a hint: a known hint (with its values) or text Ferry knows no translation for. */
export type HintPart = { kind: 'hint'; id: HintId; params: Record<string, string>; text: string } | { kind: 'text'; text: string };

/**
 * Splits a hint into the shared hints it is made of and the text around them, e.g.
 * `${hints.auth} The user must be active in the CRM.` into auth, " " and crmUserActive. Joining the parts' text
 * gives the hint back.
 */
export function splitHint(text: string): HintPart[] {
  let best: { index: number; length: number; part: HintPart } | null = null;
  for (const c of compiled) {
    const m = c.re.exec(text);
    if (!m || (best && (m.index > best.index || (m.index === best.index && m[0].length <= best.length)))) continue;
    const params: Record<string, string> = {};
    c.names.forEach((n, i) => (params[n] = m[i + 1]!));
    best = { index: m.index, length: m[0].length, part: { kind: 'hint', id: c.id, params, text: m[0] } };
  }
  if (!best) return text ? [{ kind: 'text', text }] : [];
  const before = text.slice(0, best.index);
  return [...(before ? [{ kind: 'text' as const, text: before }] : []), best.part, ...splitHint(text.slice(best.index + best.length))];
}

/** The hint id (and its values) of a hint that is, or starts with, a shared hint. */
export function hintIdOf(hint: string): { hintId: HintId; hintParams?: Record<string, string> } | undefined {
  const first = splitHint(hint)[0];
  if (first?.kind !== 'hint') return undefined;
  return { hintId: first.id, ...(Object.keys(first.params).length ? { hintParams: first.params } : {}) };
}

import { toErrorBody } from '../../../shared/errors.js';
import type { PreflightCheck } from '../types.js';
import { httpsHint, type OneCrmClient } from './client.js';
import { accountLinkField } from './contacts.js';

type Check = Omit<PreflightCheck, 'status' | 'message' | 'hint'>;
const checks = {
  https: { id: 'onecrm.https', title: 'The CRM is reached over HTTPS' },
  login: { id: 'onecrm.login', title: 'The API answers and an access token is granted' },
  accounts: { id: 'onecrm.accounts', title: 'Accounts can be listed' },
  contacts: { id: 'onecrm.contacts', title: 'Contacts can be listed' },
  cases: { id: 'onecrm.cases', title: 'Cases can be listed' },
  fields: { id: 'onecrm.fields', title: 'Account, Contact and Case have the fields Ferry uses' },
  delta: { id: 'onecrm.delta', title: 'Changes can be read since the last run (modified-since filter)' },
} satisfies Record<string, Check>;

/** Fields Ferry reads or writes (all standard): without them the sync cannot work. */
export const REQUIRED_FIELDS: Record<string, string[]> = {
  Account: ['name', 'description', 'date_modified', 'phone_office', 'billing_address_city'],
  Contact: ['first_name', 'last_name', 'description', 'date_modified'],
  Case: ['name', 'description', 'date_modified', 'account_id'],
};

const pass = (c: Check, message: string): PreflightCheck => ({ ...c, status: 'pass', message, hint: '' });
const failWith = (c: Check, e: unknown): PreflightCheck => {
  const b = toErrorBody(e);
  return { ...c, status: 'fail', message: b.message, hint: b.hint };
};
const notChecked = (c: Check, why: string): PreflightCheck => ({ ...c, status: 'fail', message: `Not checked: ${why}.`, hint: 'Fix the check above first.' });

/** Each check makes a real call with the connection's token. */
export async function preflightOneCrm(client: OneCrmClient): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  out.push(
    client.url.startsWith('https:')
      ? pass(checks.https, 'The connection uses https://.')
      : { ...checks.https, status: 'warn', message: `The connection uses plain HTTP (${client.url}); 1CRM refuses its API over HTTP unless configured otherwise.`, hint: httpsHint },
  );
  try {
    await client.login();
    out.push(pass(checks.login, `Token granted (${client.grant} grant).`));
  } catch (e) {
    out.push(failWith(checks.login, e));
    for (const c of [checks.accounts, checks.contacts, checks.cases, checks.fields, checks.delta]) out.push(notChecked(c, 'no access token'));
    return out;
  }
  for (const [check, model] of [[checks.accounts, 'Account'], [checks.contacts, 'Contact'], [checks.cases, 'Case']] as const) {
    try {
      const l = await client.list(model, { offset: 0, limit: 1, fields: ['id'] });
      out.push(pass(check, l.total !== null ? `${model}: ${l.total} record(s).` : `${model} can be read.`));
    } catch (e) {
      out.push(failWith(check, e));
    }
  }
  try {
    const missing: string[] = [];
    const noDelta: string[] = [];
    for (const [model, names] of Object.entries(REQUIRED_FIELDS)) {
      const meta = await client.meta(model);
      for (const n of names) if (!meta.fields.has(n)) missing.push(`${model}.${n}`);
      if (model === 'Contact' && accountLinkField(meta) === null) missing.push('Contact.primary_account_id');
      if (meta.modifiedSince === null) noDelta.push(model);
    }
    out.push(
      missing.length === 0
        ? pass(checks.fields, 'All fields Ferry uses exist.')
        : { ...checks.fields, status: 'fail', message: `Missing fields: ${missing.join(', ')}.`, hint: 'Ferry needs the standard Account, Contact and Case fields; restore them in the CRM\'s field editor.' },
    );
    out.push(
      noDelta.length === 0
        ? pass(checks.delta, 'Every model offers a modified-since filter: delta runs read only what changed.')
        : {
            ...checks.delta,
            status: 'warn',
            message: `No modified-since filter for ${noDelta.join(', ')}: every run reads those fully and compares hashes.`,
            hint: 'Nothing to fix: syncing works, it only reads more. A newer 1CRM may offer the filter.',
          },
    );
  } catch (e) {
    out.push(failWith(checks.fields, e), notChecked(checks.delta, 'no field metadata'));
  }
  return out;
}

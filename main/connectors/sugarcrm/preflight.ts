import { toErrorBody } from '../../../shared/errors.js';
import type { PreflightCheck } from '../types.js';
import type { SugarClient } from './client.js';

type Check = Omit<PreflightCheck, 'status' | 'message' | 'hint'>;
const checks = {
  login: { id: 'sugarcrm.login', title: 'The v4_1 REST API is found and the connection user can log in' },
  accounts: { id: 'sugarcrm.accounts', title: 'Accounts can be listed' },
  contacts: { id: 'sugarcrm.contacts', title: 'Contacts can be listed' },
  fields: { id: 'sugarcrm.fields', title: 'Accounts and Contacts have the fields Ferry uses' },
} satisfies Record<string, Check>;

/** Fields Ferry reads or writes (all standard): without them the sync cannot work. */
export const REQUIRED_FIELDS: Record<string, string[]> = {
  Accounts: ['name', 'description', 'date_modified', 'deleted', 'phone_office', 'billing_address_city'],
  Contacts: ['first_name', 'last_name', 'description', 'date_modified', 'deleted', 'account_id'],
};

const pass = (c: Check, message: string): PreflightCheck => ({ ...c, status: 'pass', message, hint: '' });
const failWith = (c: Check, e: unknown): PreflightCheck => {
  const b = toErrorBody(e);
  return { ...c, status: 'fail', message: b.message, hint: b.hint };
};
const notChecked = (c: Check, why: string): PreflightCheck => ({ ...c, status: 'fail', message: `Not checked: ${why}.`, hint: 'Fix the check above first.' });

/** Each check makes a real call as the connection user. */
export async function preflightSugar(client: SugarClient): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  try {
    const endpoint = await client.endpoint();
    await client.session();
    out.push(pass(checks.login, `Logged in as "${client.username ?? ''}" at ${endpoint}.`));
  } catch (e) {
    return [failWith(checks.login, e), notChecked(checks.accounts, 'no login'), notChecked(checks.contacts, 'no login'), notChecked(checks.fields, 'no login')];
  }
  for (const [check, module, table] of [[checks.accounts, 'Accounts', 'accounts'], [checks.contacts, 'Contacts', 'contacts']] as const) {
    try {
      const l = await client.entryList({ module, query: '', orderBy: `${table}.id ASC`, offset: 0, fields: ['id'], max: 1, deleted: false });
      out.push(pass(check, l.totalCount !== null ? `${module}: ${l.totalCount} record(s).` : `${module} can be read.`));
    } catch (e) {
      out.push(failWith(check, e));
    }
  }
  try {
    const missing: string[] = [];
    for (const [module, names] of Object.entries(REQUIRED_FIELDS)) {
      const fields = await client.moduleFields(module);
      for (const n of names) if (!(n in fields)) missing.push(`${module}.${n}`);
    }
    out.push(
      missing.length === 0
        ? pass(checks.fields, 'All fields Ferry uses exist.')
        : { ...checks.fields, status: 'fail', message: `Missing fields: ${missing.join(', ')}.`, hint: 'Ferry needs the standard Accounts and Contacts fields; restore them in Studio.' },
    );
  } catch (e) {
    out.push(failWith(checks.fields, e));
  }
  return out;
}

// The demo's CRM part (seed 001): c-entron → SugarCRM (simulator) for customers and contacts, then SugarCRM → each
// user's CardDAV address book (a real Radicale, when installed), acting for each user.
import fs from 'node:fs';
import type { RunResult } from '../../shared/model.js';
import { connections } from '../app/connections.js';
import type { AppContext } from '../app/context.js';
import { pipelineUsers } from '../app/per-user.js';
import { pipelines } from '../app/pipelines.js';
import { executeRun } from '../app/runs.js';
import { RADICALE_BIN, type RadicalePeer } from '../../test/peers/radicale.js';
import type { SugarSimulator } from '../../test/simulators/sugarcrm/server.js';

export const DEMO_CRM_PIPELINE = 'erp-crm';
export const DEMO_DAV_PIPELINE = 'crm-dav';
export const DEMO_CRM_USER = 'admin';
export const DEMO_CRM_PASSWORD = 'secret';
/** The address book every CRM user gets in the demo's Radicale. */
export const DEMO_BOOK = 'kontakte';
export const RADICALE_INSTALL = 'apt-get install -y radicale apache2-utils';

/** Why the demo's address books cannot run here, or null when Radicale is installed. */
export function radicaleMissing(): string | null {
  return fs.existsSync(RADICALE_BIN) ? null : `Radicale is not installed (${RADICALE_INSTALL})`;
}

export interface CrmStory {
  runs: { pipeline: string; run: RunResult }[];
  steps: string[];
}

/** Each active CRM user with an e-mail gets a Radicale account (the e-mail's local part) and an address book. */
async function userBooks(crm: SugarSimulator, dav: RadicalePeer): Promise<string[]> {
  const made: string[] = [];
  for (const u of crm.state.table('Users').values()) {
    const email = u['email1'] ?? '';
    if (u['status'] !== 'Active' || !email.includes('@')) continue;
    const user = { name: email.slice(0, email.lastIndexOf('@')), password: `${u['user_name']}-demo` };
    dav.addUser(user.name, user.password);
    made.push(await dav.makeAddressBook(user, DEMO_BOOK));
  }
  return made;
}

export async function runCrmStory(ctx: AppContext, crm: SugarSimulator, dav: RadicalePeer | null): Promise<CrmStory> {
  const steps: string[] = [];
  const runs: CrmStory['runs'] = [];
  await connections.create(ctx, { kind: 'sugarcrm', name: 'crm', url: crm.url, username: DEMO_CRM_USER, secret: DEMO_CRM_PASSWORD });
  pipelines.create(ctx, {
    name: DEMO_CRM_PIPELINE,
    left: 'c-entron',
    right: 'crm',
    entities: [{ entity: 'customer', direction: 'to-right' }, { entity: 'contact', direction: 'to-right' }],
    match: { customer: 'name', contact: 'external-id' },
  });
  runs.push({ pipeline: DEMO_CRM_PIPELINE, run: await executeRun(ctx, { pipeline: DEMO_CRM_PIPELINE, mode: 'full', trigger: 'demo' }) });
  steps.push(`c-entron → SugarCRM: customers become accounts, contacts become contacts (owned by the connection user "${DEMO_CRM_USER}")`);
  if (!dav) return { runs, steps };

  const books = await userBooks(crm, dav);
  await connections.create(ctx, { kind: 'carddav', name: 'dav', url: dav.url, username: dav.service.name, secret: dav.service.password, options: { userBooks: '/{user}/' } });
  pipelines.create(ctx, { name: DEMO_DAV_PIPELINE, left: 'crm', right: 'dav', entities: [{ entity: 'contact', direction: 'to-right' }], match: { contact: 'external-id' }, actForUsers: true });
  const users = await pipelineUsers(ctx, DEMO_DAV_PIPELINE);
  steps.push(`SugarCRM → each user's address book: ${users.matched.length} user(s) matched by e-mail (${users.matched.map((m) => m.email).join(', ')}); not synced: ${users.unmatched.map((u) => `${u.user} (${u.reason})`).join(', ') || 'nobody'}; ${books.length} address book(s) in Radicale`);
  runs.push({ pipeline: DEMO_DAV_PIPELINE, run: await executeRun(ctx, { pipeline: DEMO_DAV_PIPELINE, mode: 'full', trigger: 'demo' }) });
  return { runs, steps };
}

// Standalone 1CRM API simulator process for benchmarks and demos:
//   node --import tsx test/simulators/onecrm/main.ts --port 0 --accounts N --contacts-per-account M --cases K --seed S
//        [--edition Startup|Professional|Enterprise] [--no-modified-since] [--token-ttl SECONDS]
//        [--user admin --password secret] [--client-id ferry --client-secret ferry-secret]
// Prints exactly one JSON line {"url": ...} (the site URL; the API is at <url>/api.php) on stdout when ready; serves
// until SIGTERM/SIGINT, then exits 0.
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENTS, DEFAULT_USERS, startOneCrmSimulator, type Edition } from './server.js';

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    accounts: { type: 'string' },
    'contacts-per-account': { type: 'string' },
    cases: { type: 'string' },
    seed: { type: 'string' },
    edition: { type: 'string' },
    'no-modified-since': { type: 'boolean', default: false },
    'token-ttl': { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
  strict: true,
});

const edition = values.edition ?? 'Enterprise';
if (edition !== 'Startup' && edition !== 'Professional' && edition !== 'Enterprise') {
  process.stderr.write(`--edition must be Startup, Professional or Enterprise, got ${edition}\n`);
  process.exit(2);
}
const users = DEFAULT_USERS.map((u, i) => (i === 0 ? { ...u, user_name: values.user ?? u.user_name, password: values.password ?? u.password } : u));
const clients = DEFAULT_CLIENTS.map((c, i) =>
  i === 0 ? { ...c, client_id: values['client-id'] ?? c.client_id, client_secret: values['client-secret'] ?? c.client_secret, serviceUser: values.user ?? c.serviceUser } : c,
);
const sim = await startOneCrmSimulator({
  port: int(values.port, 'port', 0),
  edition: edition as Edition,
  modifiedSinceFilter: !values['no-modified-since'],
  accessTokenTtlSec: int(values['token-ttl'], 'token-ttl', 3600),
  users,
  clients,
  data: {
    accounts: int(values.accounts, 'accounts', 20),
    contactsPerAccount: int(values['contacts-per-account'], 'contacts-per-account', 2),
    cases: int(values.cases, 'cases', 10),
    seed: values.seed ?? 1,
  },
});
process.stdout.write(JSON.stringify({ url: sim.url }) + '\n');

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  sim.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`stop failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

// Standalone SugarCRM v4_1 simulator process for benchmarks and demos:
//   node --import tsx test/simulators/sugarcrm/main.ts --port 0 --accounts N --contacts-per-account M --cases K --seed S
//        [--legacy] [--aos] [--user admin --password secret]
// Prints exactly one JSON line {"url": ...} (the site URL) on stdout when ready; serves until SIGTERM/SIGINT, then exits 0.
import { parseArgs } from 'node:util';
import { DEFAULT_USERS, startSugarSimulator } from './server.js';

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
    legacy: { type: 'boolean', default: false },
    aos: { type: 'boolean', default: false },
    user: { type: 'string' },
    password: { type: 'string' },
  },
  strict: true,
});

const users = DEFAULT_USERS.map((u, i) => (i === 0 ? { ...u, user_name: values.user ?? u.user_name, password: values.password ?? u.password } : u));
const sim = await startSugarSimulator({
  port: int(values.port, 'port', 0),
  legacyPath: values.legacy,
  aosModules: values.aos,
  users,
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

// Standalone simulator process for benchmarks and `ferry demo up`:
//   node --import tsx test/simulators/centron/main.ts --port 0 --customers N --devices M --seed S [--hostile]
// Prints exactly one JSON line {"url": ...} on stdout when ready; serves until SIGTERM/SIGINT, then exits 0.
import { parseArgs } from 'node:util';
import { startCentronSimulator } from './server.js';

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
    customers: { type: 'string' },
    devices: { type: 'string' },
    tickets: { type: 'string' },
    seed: { type: 'string' },
    hostile: { type: 'boolean', default: false },
    instance: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    'no-device-write': { type: 'boolean', default: false },
  },
  strict: true,
});

const customers = int(values.customers, 'customers', 20);
const sim = await startCentronSimulator({
  port: int(values.port, 'port', 0),
  instance: values.instance,
  users: [{ username: values.user ?? 'ferry', password: values.password ?? 'secret', rights: 'all' }],
  deviceWriteEnabled: !values['no-device-write'],
  data: {
    customers,
    devices: int(values.devices, 'devices', customers * 3),
    ...(values.tickets !== undefined ? { tickets: int(values.tickets, 'tickets', 0) } : {}),
    seed: values.seed ?? 1,
    hostile: values.hostile,
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

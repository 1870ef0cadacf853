// The measured process of `npm run bench` (run bundled by bench.ts): one-way, or one direction of the --both case.
import { parseArgs } from 'node:util';
import { benchDirection } from './bench-both.js';
import { benchOneWay } from './one-way.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '20000' },
    devices: { type: 'string', default: '100000' },
    contacts: { type: 'string', default: '60000' },
    direction: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});
const say = (s: string) => {
  if (!values.json) process.stderr.write(`${s}\n`);
};
const repo = process.env['FERRY_BENCH_REPO'] ?? process.cwd();
const direction = values.direction;
if (direction !== undefined && direction !== 'both' && direction !== 'to-right') throw new Error(`--direction ${direction}: both or to-right`);
const r = direction !== undefined ? await benchDirection(direction, Number(values.customers), Number(values.contacts), say) : await benchOneWay(Number(values.customers), Number(values.devices), repo, say);
process.stdout.write(`${JSON.stringify(r)}\n`);
process.exit(0);

// Bench equipment: changes every `step`-th device in the c-entron simulator through its own (assumed) write method,
// from its own process, so the edit traffic is not counted as Ferry's memory. Prints {"changed": n}.
//   node --import tsx test/bench/change-devices.ts --url <url> --step 100
import { parseArgs } from 'node:util';
import { CentronClient } from '../../main/connectors/centron/client.js';
import { createNullLogger } from '../../main/log/index.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, step: { type: 'string', default: '100' }, 'page-size': { type: 'string', default: '500' } }, strict: true });
const step = Number(values.step);
const client = new CentronClient({ baseUrl: values.url!, username: 'ferry', password: 'secret', pageSize: Number(values['page-size']), log: createNullLogger() });
let changed = 0;
for await (const p of client.pages('searchMasterDataLists', { Filter: { CustomerI3D: null } } as never)) {
  for (const raw of p.items as { I3D: number; SerialNumber: string | null }[]) {
    if (raw.I3D % step !== 0) continue;
    await client.call('saveMasterDataList' as never, { ...raw, SerialNumber: `${raw.SerialNumber ?? ''}-changed` } as never);
    changed++;
  }
}
await client.close();
process.stdout.write(`${JSON.stringify({ changed })}\n`);

// Starts the real Zabbix for manual use or other tools: prints one JSON line {url, apiUrl}, stops on SIGTERM/SIGINT.
//   node --import tsx test/peers/zabbix-main.ts
import { startZabbix } from './zabbix.js';

const peer = await startZabbix();
process.stdout.write(`${JSON.stringify({ url: peer.url, apiUrl: peer.apiUrl })}\n`);
process.stderr.write(`zabbix: ready in ${peer.startMs} ms (Admin / zabbix)\n`);
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  peer.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`zabbix: stop failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

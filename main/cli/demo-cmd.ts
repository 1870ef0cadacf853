import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { startCentronSimulator } from '../../test/simulators/centron/server.js';
import { restoreSimSnapshot, saveSimSnapshot } from '../demo/sim-snapshot.js';
import { DEMO_PIPELINE, runStandinScenario } from '../demo/scenario.js';
import { createMemoryStore } from '../secrets/index.js';
import { openCliContext } from './context.js';
import type { GlobalOpts } from './main.js';
import { makeOut } from './output.js';
import { runHuman, runJson } from './run-cmd.js';

const SIM_PASSWORD = 'secret';
const demoDir = (g: GlobalOpts) => path.resolve(g.dataDir ?? path.join(os.tmpdir(), 'ferry-demo'));
const metaFile = (dir: string) => path.join(dir, 'demo.json');
const simFile = (dir: string) => path.join(dir, 'centron-sim.json');

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('a complete demo on simulated c-entron data: set up, sync, change, sync again')
    .action(async (_o: unknown, c: Command) => {
      const g = c.optsWithGlobals<GlobalOpts>();
      const out = makeOut(g.json === true);
      const dir = demoDir(g);
      if (fs.existsSync(metaFile(dir))) {
        throw new FerryError('state', `${dir} holds a demo already.`, `Start its simulators with \`ferry demo up --data-dir ${dir}\`, or remove the folder for a new demo.`);
      }
      fs.mkdirSync(dir, { recursive: true });
      const sim = await startCentronSimulator({ data: { customers: 30, devices: 20, seed: 7, hostile: true } });
      const ctx = openCliContext(dir);
      let keychain = 'the OS keychain';
      try {
        try {
          await ctx.secrets.set('.ferry-demo-probe', 'password', 'x');
          await ctx.secrets.delete('.ferry-demo-probe', 'password');
        } catch {
          ctx.secrets = createMemoryStore();
          keychain = 'memory only (no OS keychain is reachable here), so other commands on this folder will report "needs credentials"';
        }
        out.info(`Ferry demo in ${dir}`);
        out.info(`c-entron: simulator at ${sim.url} (generated data with hostile cases)`);
        out.info('RMM:      in-process RMM stand-in (no Zabbix installed here is used by the demo)');
        const { runs, changes } = await runStandinScenario(ctx, sim, SIM_PASSWORD);
        fs.writeFileSync(metaFile(dir), JSON.stringify({ simPort: new URL(sim.url).port, rmm: 'stand-in', pipeline: DEMO_PIPELINE }));
        saveSimSnapshot(sim, simFile(dir));
        out.result({ dataDir: dir, rmm: 'stand-in', centron: 'simulator', runs: runs.map(runJson), changes }, () =>
          [
            '',
            'Run 1 — first full sync:',
            runHuman(runs[0]),
            '',
            'Then, as users would:',
            ...changes.map((x) => `  - ${x}`),
            '',
            'Run 2 — the next sync:',
            runHuman(runs[1]),
            '',
            `Secrets: ${keychain}.`,
            `Try: ferry demo up --data-dir ${dir}   (keeps the c-entron simulator running), then in another shell:`,
            `     ferry status --data-dir ${dir}`,
            `     ferry runs show ${runs[0].run} --data-dir ${dir}`,
            `     ferry run demo --full --data-dir ${dir}`,
          ].join('\n'),
        );
      } finally {
        await ctx.close();
        await sim.stop();
      }
    });

  demo
    .command('up')
    .description('start the demo\'s simulators on its data folder again, in the foreground, until stopped')
    .action(async (_o: unknown, c: Command) => {
      const g = c.optsWithGlobals<GlobalOpts>();
      const out = makeOut(g.json === true);
      const dir = demoDir(g);
      if (!fs.existsSync(metaFile(dir))) throw new FerryError('not-found', `${dir} holds no demo.`, 'Run `ferry demo` first (with the same --data-dir).');
      const meta = JSON.parse(fs.readFileSync(metaFile(dir), 'utf8')) as { simPort: string };
      const sim = await startCentronSimulator({ port: Number(meta.simPort), data: { customers: 0, devices: 0, seed: 7 } });
      restoreSimSnapshot(sim, simFile(dir));
      const save = setInterval(() => saveSimSnapshot(sim, simFile(dir)), 2_000);
      out.result({ dataDir: dir, centron: sim.url }, () => `c-entron simulator at ${sim.url} for ${dir}; stop with Ctrl+C`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      clearInterval(save);
      saveSimSnapshot(sim, simFile(dir));
      await sim.stop();
    });
}

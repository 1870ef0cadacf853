import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { FerryError } from '../../shared/errors.js';
import { checkZabbixPrerequisites, startZabbix, ZabbixPeerBusyError, type ZabbixPeer } from '../../test/peers/zabbix.js';
import { startCentronSimulator, type CentronSimulator } from '../../test/simulators/centron/server.js';
import { startRadicale, type RadicalePeer } from '../../test/peers/radicale.js';
import { startSugarSimulator, type SugarSimulator } from '../../test/simulators/sugarcrm/server.js';
import type { SugarSnapshot } from '../../test/simulators/sugarcrm/state.js';
import { DEMO_CRM_PASSWORD, DEMO_CRM_USER, radicaleMissing, RADICALE_INSTALL, runCrmStory } from '../demo/crm-story.js';
import { restoreSimSnapshot, saveSimSnapshot } from '../demo/sim-snapshot.js';
import { DEMO_PIPELINE, DEMO_ZABBIX_PASSWORD, DEMO_ZABBIX_USER, runStandinScenario, runZabbixScenario } from '../demo/scenario.js';
import { createMemoryStore } from '../secrets/index.js';
import { openCliContext } from './context.js';
import type { GlobalOpts } from './main.js';
import { makeOut } from './output.js';
import { runHuman, runJson } from './run-cmd.js';

const SIM_PASSWORD = 'secret';
const demoDir = (g: GlobalOpts) => path.resolve(g.dataDir ?? path.join(os.tmpdir(), 'ferry-demo'));
const metaFile = (dir: string) => path.join(dir, 'demo.json');
const simFile = (dir: string) => path.join(dir, 'centron-sim.json');
const zabbixDir = (dir: string) => path.join(dir, 'zabbix');
const crmFile = (dir: string) => path.join(dir, 'sugarcrm-sim.json');
const radicaleDir = (dir: string) => path.join(dir, 'radicale');
function saveCrm(crm: SugarSimulator, file: string): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(crm.state.snapshot()));
  fs.renameSync(`${file}.tmp`, file);
}
const ZABBIX_INSTALL = 'apt-get install -y zabbix-server-mysql zabbix-frontend-php php-cli php-mysql mariadb-server';

/** D/demo.json: what `ferry demo` set up, so `ferry demo up` can start the same systems on the same ports. */
const DemoMeta = z.object({
  simPort: z.string(),
  rmm: z.enum(['zabbix', 'stand-in']).default('stand-in'),
  pipeline: z.string(),
  zabbixPort: z.number().int().positive().optional(),
  /** The CRM part (SugarCRM simulator; Radicale when installed). Absent in demos made before it existed. */
  crmPort: z.number().int().positive().optional(),
  davPort: z.number().int().positive().optional(),
});
type DemoMeta = z.infer<typeof DemoMeta>;

function readMeta(dir: string): DemoMeta {
  const parsed = DemoMeta.safeParse(JSON.parse(fs.readFileSync(metaFile(dir), 'utf8')));
  if (!parsed.success) throw new FerryError('state', `${metaFile(dir)} is not a demo description Ferry understands.`, 'Remove the folder and run `ferry demo` again.');
  return parsed.data;
}

/** Is Zabbix installed (the Debian packages the tests use)? Answers why not, or null when it is. */
function zabbixMissing(): string | null {
  try {
    checkZabbixPrerequisites();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Starts the demo's Zabbix in D/zabbix; the errors a user can meet become FerryErrors with a hint. */
async function startDemoZabbix(dir: string, port?: number): Promise<ZabbixPeer> {
  try {
    return await startZabbix({ dir: zabbixDir(dir), ...(port !== undefined ? { port } : {}) });
  } catch (e) {
    if (e instanceof ZabbixPeerBusyError && e.reason === 'running') {
      throw new FerryError('state', e.message, `Another \`ferry demo up --data-dir ${dir}\` is running: use it, or stop it (Ctrl+C) first.`);
    }
    if (e instanceof ZabbixPeerBusyError) {
      throw new FerryError('state', e.message, 'The demo\'s connection to Zabbix uses that port. Stop the program that uses it, or remove the folder and run `ferry demo` again.');
    }
    throw new FerryError('internal', `Zabbix is installed but did not start: ${(e as Error).message}`, `Its logs are in ${zabbixDir(dir)}. \`ferry demo --no-zabbix\` runs the demo with the in-process RMM stand-in instead.`);
  }
}

/**
 * Stops what the demo started when the user presses Ctrl+C (or the process gets SIGTERM) in the middle, so no
 * server outlives the command. Answers a function that removes the handlers again.
 */
function stopOnSignal(stop: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
}

export function registerDemo(program: Command): void {
  const demo = program
    .command('demo')
    .description('a complete demo on simulated c-entron data: set up, sync, change, sync again')
    .option('--no-zabbix', 'use the in-process RMM stand-in even when Zabbix is installed')
    .action(async (o: { zabbix: boolean }, c: Command) => {
      const g = c.optsWithGlobals<GlobalOpts>();
      const out = makeOut(g.json === true);
      const dir = demoDir(g);
      if (fs.existsSync(metaFile(dir))) {
        throw new FerryError('state', `${dir} holds a demo already.`, `Start its simulators with \`ferry demo up --data-dir ${dir}\`, or remove the folder for a new demo.`);
      }
      if (fs.existsSync(path.join(dir, 'ferry.db'))) {
        throw new FerryError('state', `${dir} holds Ferry data but no finished demo.`, 'Give `ferry demo` a new or empty folder with --data-dir, or remove this one.');
      }
      const missing = o.zabbix ? zabbixMissing() : 'not used (--no-zabbix)';
      fs.mkdirSync(dir, { recursive: true });

      let sim: CentronSimulator | null = null;
      let zabbix: ZabbixPeer | null = null;
      let crm: SugarSimulator | null = null;
      let dav: RadicalePeer | null = null;
      let stopped: Promise<void> | null = null;
      const stopServers = () =>
        (stopped ??= (async () => {
          await zabbix?.stop();
          await dav?.stop();
          await crm?.stop();
          await sim?.stop();
        })());
      const removeSignalHandlers = stopOnSignal(stopServers);
      try {
        if (missing === null) out.info('Starting Zabbix (MariaDB and the Zabbix frontend; the first time takes a few seconds) …');
        zabbix = missing === null ? await startDemoZabbix(dir) : null;
        sim = await startCentronSimulator({ data: { customers: 30, devices: 0, seed: 7, hostile: true } });
        crm = await startSugarSimulator({ data: { accounts: 8, contactsPerAccount: 2, cases: 0, seed: 7 } });
        const davMissing = radicaleMissing();
        dav = davMissing === null ? await startRadicale({ dir: radicaleDir(dir) }) : null;
        const ctx = openCliContext(dir);
        try {
          let keychain = 'the OS keychain';
          try {
            await ctx.secrets.set('.ferry-demo-probe', 'password', 'x');
            await ctx.secrets.delete('.ferry-demo-probe', 'password');
          } catch {
            ctx.secrets = createMemoryStore();
            keychain = 'memory only (no OS keychain is reachable here), so other commands on this folder will report "needs credentials"';
          }
          let rmmLine: string;
          if (zabbix) {
            const version = await zabbixVersion(zabbix.apiUrl);
            rmmLine = `real Zabbix ${version} at ${zabbix.url} (Debian packages; its data in ${zabbixDir(dir)}, user ${DEMO_ZABBIX_USER})`;
          } else {
            rmmLine = `in-process RMM stand-in (${o.zabbix ? 'no Zabbix installed' : '--no-zabbix'})`;
          }
          out.info(`Ferry demo in ${dir}`);
          out.info(`c-entron: simulator at ${sim.url} (generated data with hostile cases)`);
          out.info(`RMM:      ${rmmLine}`);
          if (zabbix === null && o.zabbix) out.info(`          (for a real Zabbix: ${ZABBIX_INSTALL})`);
          out.info(`CRM:      SugarCRM simulator at ${crm.url} (user ${DEMO_CRM_USER})`);
          out.info(`Address books: ${dav ? `real Radicale at ${dav.url} (its data in ${radicaleDir(dir)})` : `none — ${davMissing ?? ''}`}`);
          const { runs, changes, twoWay } = zabbix ? await runZabbixScenario(ctx, sim, SIM_PASSWORD, zabbix) : await runStandinScenario(ctx, sim, SIM_PASSWORD);
          const crmStory = await runCrmStory(ctx, crm, dav);
          const rmm = zabbix ? 'zabbix' : 'stand-in';
          const meta: DemoMeta = { simPort: new URL(sim.url).port, rmm, pipeline: DEMO_PIPELINE, ...(zabbix ? { zabbixPort: zabbix.port } : {}), crmPort: Number(new URL(crm.url).port), ...(dav ? { davPort: dav.port } : {}) };
          fs.writeFileSync(metaFile(dir), JSON.stringify(meta));
          saveSimSnapshot(sim, simFile(dir));
          saveCrm(crm, crmFile(dir));
          const keeps = zabbix ? 'the c-entron simulator and Zabbix' : 'the c-entron simulator';
          const twoWayJson = { pipeline: twoWay.pipeline, runs: twoWay.runs.map(runJson), steps: twoWay.steps, conflict: twoWay.conflict ? { id: twoWay.conflict.id, differing: twoWay.conflict.differing, resolution: twoWay.conflict.resolution, closed: twoWay.conflict.closedAt !== null } : null };
          const crmJson = { steps: crmStory.steps, runs: crmStory.runs.map((r) => ({ pipeline: r.pipeline, ...runJson(r.run) })), addressBooks: dav ? 'radicale' : null };
          out.result({ dataDir: dir, rmm, centron: 'simulator', runs: runs.map(runJson), changes, twoWay: twoWayJson, crm: crmJson }, () =>
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
              `Both ways — pipeline ${twoWay.pipeline} syncs devices in both directions:`,
              ...twoWay.runs.map((r, i) => [i === 1 ? `  - ${twoWay.steps[0] ?? ''}` : '', i === 2 ? `  - ${twoWay.steps[1] ?? ''}` : '', runHuman(r)].filter(Boolean).join('\n')),
              twoWay.conflict ? `conflict ${twoWay.conflict.id}: decided for ${twoWay.conflict.resolution}, ${twoWay.conflict.closedAt ? 'written to both sides' : 'still open'} (ferry conflicts show ${twoWay.conflict.id} --data-dir ${dir})` : '',
              '',
              'CRM and address books:',
              ...crmStory.runs.map((r, i) => [`  - ${crmStory.steps[i] ?? ''}`, runHuman(r.run)].join('\n')),
              ...(dav ? [] : [`  (for the users' address books: ${RADICALE_INSTALL})`]),
              '',
              `Secrets: ${keychain}.`,
              `Try: ferry demo up --data-dir ${dir}   (keeps ${keeps} running), then in another shell:`,
              `     ferry status --data-dir ${dir}`,
              `     ferry runs show ${runs[0].run} --data-dir ${dir}`,
              `     ferry run demo --full --data-dir ${dir}`,
              `     ferry run demo-both --dry-run --data-dir ${dir}`,
              `     ferry conflicts list --all --data-dir ${dir}`,
              `     ferry pipelines check demo --data-dir ${dir}`,
              ...(dav ? [`     ferry pipelines users crm-dav --data-dir ${dir}`, `     ferry connections test crm --user joerg.mueller@example.de --data-dir ${dir}`] : []),
            ].join('\n'),
          );
        } finally {
          await ctx.close();
        }
      } finally {
        removeSignalHandlers();
        await stopServers();
      }
    });

  demo
    .command('up')
    .description('start the demo\'s simulators (and its Zabbix) on its data folder again, in the foreground, until stopped')
    .action(async (_o: unknown, c: Command) => {
      const g = c.optsWithGlobals<GlobalOpts>();
      const out = makeOut(g.json === true);
      const dir = demoDir(g);
      if (!fs.existsSync(metaFile(dir))) throw new FerryError('not-found', `${dir} holds no demo.`, 'Run `ferry demo` first (with the same --data-dir).');
      const meta = readMeta(dir);
      if (meta.rmm === 'zabbix') {
        const missing = zabbixMissing();
        if (missing) throw new FerryError('state', `This demo uses Zabbix, which cannot start here: ${missing}`, 'Install those packages again, or run a new demo with `ferry demo --no-zabbix` in another folder.');
      }

      // Ctrl+C / SIGTERM from here on stops everything cleanly, even while the servers are still starting.
      let requestStop: () => void = () => undefined;
      const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
      const onSignal = () => requestStop();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);

      let sim: CentronSimulator | null = null;
      let zabbix: ZabbixPeer | null = null;
      let crm: SugarSimulator | null = null;
      let dav: RadicalePeer | null = null;
      let save: NodeJS.Timeout | null = null;
      let restored = false;
      try {
        sim = await startCentronSimulator({ port: Number(meta.simPort), data: { customers: 0, devices: 0, seed: 7 } }).catch((e: unknown) => {
          if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
          throw new FerryError('state', `Port ${meta.simPort} on 127.0.0.1, where the demo's c-entron simulator listens, is in use.`, `Another \`ferry demo up --data-dir ${dir}\` is running: use it, or stop it (Ctrl+C) first. Otherwise stop the program that uses the port.`);
        });
        restoreSimSnapshot(sim, simFile(dir));
        if (meta.crmPort !== undefined && fs.existsSync(crmFile(dir))) {
          crm = await startSugarSimulator({ port: meta.crmPort, users: [], data: { accounts: 0, contactsPerAccount: 0, cases: 0 } });
          crm.state.restore(JSON.parse(fs.readFileSync(crmFile(dir), 'utf8')) as SugarSnapshot);
        }
        if (meta.davPort !== undefined) {
          const missing = radicaleMissing();
          if (missing) throw new FerryError('state', `This demo's address books need Radicale: ${missing}.`, 'Install it again, or run a new demo in another folder.');
          dav = await startRadicale({ dir: radicaleDir(dir), port: meta.davPort });
        }
        restored = true;
        const s = sim;
        const c = crm;
        save = setInterval(() => {
          saveSimSnapshot(s, simFile(dir));
          if (c) saveCrm(c, crmFile(dir));
        }, 2_000);
        if (meta.rmm === 'zabbix') zabbix = await startDemoZabbix(dir, meta.zabbixPort);
        const z = zabbix;
        const d = dav;
        out.result({ dataDir: dir, centron: sim.url, rmm: meta.rmm, ...(z ? { zabbix: z.url } : {}), ...(c ? { crm: c.url } : {}), ...(d ? { carddav: d.url } : {}) }, () =>
          [
            `c-entron simulator at ${s.url} for ${dir}`,
            ...(c ? [`SugarCRM simulator at ${c.url} (user ${DEMO_CRM_USER}, password ${DEMO_CRM_PASSWORD})`] : []),
            ...(d ? [`Radicale (CardDAV) at ${d.url} (its data in ${radicaleDir(dir)})`] : []),
            ...(z ? [`Zabbix at ${z.url} (user ${DEMO_ZABBIX_USER}, password ${DEMO_ZABBIX_PASSWORD}; its data in ${zabbixDir(dir)})`] : []),
            'stop with Ctrl+C',
          ].join('\n'),
        );
        await stopRequested;
      } finally {
        if (save) clearInterval(save);
        await zabbix?.stop();
        // Only a fully restored simulator may overwrite the snapshot.
        if (sim && restored) saveSimSnapshot(sim, simFile(dir));
        if (crm && restored) saveCrm(crm, crmFile(dir));
        await dav?.stop();
        await crm?.stop();
        await sim?.stop();
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    });
}

async function zabbixVersion(apiUrl: string): Promise<string> {
  try {
    const res = await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json-rpc' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'apiinfo.version', params: {}, id: 1 }), signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { result?: unknown };
    return typeof body.result === 'string' ? body.result : '6.0';
  } catch {
    return '6.0';
  }
}

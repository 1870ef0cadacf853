import type { Command } from 'commander';
import { startEngineHost } from '../service/host.js';
import { openCliContext } from './context.js';
import type { GlobalOpts } from './main.js';
import { makeOut } from './output.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the headless engine host: scheduler plus the API on 127.0.0.1 (until stopped)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)')
    .action(async (o: { port?: string }, c: Command) => {
      const g = c.optsWithGlobals<GlobalOpts>();
      const out = makeOut(g.json === true);
      const ctx = openCliContext(g.dataDir);
      let host;
      try {
        host = await startEngineHost(ctx, o.port ? { port: Number(o.port) } : {});
      } catch (e) {
        await ctx.close();
        throw e;
      }
      out.result({ url: host.url, tokenFile: host.tokenFile, dataDir: ctx.dataDir, pid: process.pid }, () =>
        [`Ferry engine host running at ${host.url}`, `token file: ${host.tokenFile}`, `data folder: ${ctx.dataDir}`, 'stop with Ctrl+C'].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.stop();
      await ctx.close();
    });
}

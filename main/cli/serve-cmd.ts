import { spawn } from 'node:child_process';
import fs from 'node:fs';
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
    .option('--open', 'open the UI in the default browser')
    .action(async (o: { port?: string; open?: boolean }, c: Command) => {
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
      // The page address carries the token in its fragment: browsers never send a fragment to a server or proxy.
      const token = fs.readFileSync(host.tokenFile, 'utf8').trim();
      const ui = `${host.url}/#token=${token}`;
      out.result({ url: host.url, ui, tokenFile: host.tokenFile, dataDir: ctx.dataDir, pid: process.pid }, () =>
        [`Ferry engine host running at ${host.url}`, `open the UI: ${ui}`, `token file: ${host.tokenFile}`, `data folder: ${ctx.dataDir}`, 'stop with Ctrl+C'].join('\n'),
      );
      if (o.open) openBrowser(ui);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.stop();
      await ctx.close();
    });
}

/** The default browser: `start` on Windows, `open` on macOS, xdg-open elsewhere. A missing opener is not an error. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const p = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true, windowsHide: true });
    p.on('error', () => undefined);
    p.unref();
  } catch {}
}

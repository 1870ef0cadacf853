import type { Command } from 'commander';
import type { GlobalOpts } from './main.js';
import { openCliContext, type CliContext } from './context.js';
import { makeOut, type Out } from './output.js';

/** Runs a command body with the data folder opened and closed around it. */
export async function withContext<T>(cmd: Command, fn: (ctx: CliContext, out: Out) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<GlobalOpts>();
  const ctx = openCliContext(g.dataDir);
  try {
    return await fn(ctx, makeOut(g.json === true));
  } finally {
    await ctx.close();
  }
}

import { Command, CommanderError, Option } from 'commander';
import { reportError } from './output.js';
import { registerConnections } from './connections-cmd.js';
import { registerPipelines } from './pipelines-cmd.js';
import { registerRun } from './run-cmd.js';
import { registerRuns } from './runs-cmd.js';
import { registerStatus } from './status-cmd.js';
import { registerServe } from './serve-cmd.js';
import { registerDemo } from './demo-cmd.js';
import { registerConflicts } from './conflicts-cmd.js';
import { registerConfig, registerSettings } from './config-cmd.js';

export interface GlobalOpts {
  dataDir?: string;
  json?: boolean;
}

export function buildProgram(): Command {
  const program = new Command('ferry')
    .description('Ferry keeps customers, contacts, contracts, devices, tickets and invoices in step across ERP, RMM, CRM and address books.')
    .addOption(new Option('--data-dir <dir>', 'data folder (default: %ProgramData%\\Ferry on Windows, the per-user data folder elsewhere)'))
    .option('--json', 'machine output on stdout, nothing else there')
    .showHelpAfterError()
    .exitOverride();
  registerConnections(program);
  registerPipelines(program);
  registerRun(program);
  registerRuns(program);
  registerConflicts(program);
  registerStatus(program);
  registerConfig(program);
  registerSettings(program);
  registerServe(program);
  registerDemo(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      // commander has printed the usage problem; add the category for scripts.
      process.stderr.write(json ? `${JSON.stringify({ error: { category: 'input', message: e.message, hint: 'See `ferry --help`.' } })}\n` : 'hint: see `ferry <command> --help` (category: input)\n');
      return 2;
    }
    return reportError(e, json);
  }
}

const code = await main(process.argv);
process.exit(code);

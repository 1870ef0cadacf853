import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Settings } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import { exportConfig, importConfig } from '../app/config.js';
import { settings } from '../app/settings.js';
import { writePrivateFile } from '../datadir/private-file.js';
import { table } from './output.js';
import { parseDeleteGuard } from './parse.js';
import { withContext } from './with-context.js';

async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new FerryError('input', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, 'Give the path of a file written by `ferry config export --file <file>`.');
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new FerryError('input', `${file} is not JSON: ${(e as Error).message}.`, 'Give the path of a file written by `ferry config export --file <file>` (not edited into invalid JSON).');
  }
}

export function registerConfig(program: Command): void {
  const cmd = program.command('config').description('the whole configuration (settings, connections, pipelines; never secrets) as one JSON file');

  cmd
    .command('export')
    .description('write the configuration as JSON to standard output, or to a file only this account can read')
    .option('--file <file>', 'write to this file instead of standard output')
    .action(async (o: { file?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const config = exportConfig(ctx);
        const text = `${JSON.stringify(config, null, 2)}\n`;
        if (o.file === undefined) {
          process.stdout.write(text);
          return;
        }
        const file = path.resolve(o.file);
        await writePrivateFile(file, text);
        out.result({ file, connections: config.connections.length, pipelines: config.pipelines.length }, () => `exported ${config.connections.length} connection(s) and ${config.pipelines.length} pipeline(s) to ${file} (no secrets)`);
      }),
    );

  cmd
    .command('import')
    .description('add the connections and pipelines of an exported file: all or nothing, every problem listed')
    .requiredOption('--file <file>', 'a file written by `ferry config export --file`')
    .action(async (o: { file: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const r = importConfig(ctx, await readConfigFile(o.file));
        out.result(r, () =>
          [
            `imported ${r.connections.length} connection(s)${r.connections.length ? `: ${r.connections.join(', ')}` : ''}`,
            `imported ${r.pipelines.length} pipeline(s)${r.pipelines.length ? `: ${r.pipelines.join(', ')}` : ''}`,
            ...(r.needsSecrets.length
              ? ['secrets are never exported; set them now:', ...r.needsSecrets.map((n) => `  ferry connections set-secret ${n} --secret-stdin`)]
              : []),
          ].join('\n'),
        );
      }),
    );
}

const human = (s: ReturnType<typeof settings.get>) =>
  table([
    ['language', s.language],
    ['time zone', `${s.timeZone} (default for new pipelines)`],
    ['start at login', String(s.startAtLogin)],
    ['log level', s.logLevel],
    ['delete guard', `${s.deleteGuard.percent} %, at most ${s.deleteGuard.max} (default for new pipelines)`],
    ['data folder', s.dataDir],
    ['log folder', s.logDir],
  ]);

function parseSetting(pair: string): Partial<Settings> {
  const i = pair.indexOf('=');
  const key = i > 0 ? pair.slice(0, i) : '';
  const value = pair.slice(i + 1);
  switch (key) {
    case 'language':
    case 'timeZone':
    case 'logLevel':
      return { [key]: value } as Partial<Settings>;
    case 'startAtLogin':
      if (value !== 'true' && value !== 'false') throw new FerryError('input', `Bad value for startAtLogin: "${value}".`, 'Write startAtLogin=true or startAtLogin=false.');
      return { startAtLogin: value === 'true' };
    case 'deleteGuard':
      return { deleteGuard: parseDeleteGuard(value) };
    default:
      throw new FerryError('input', `Bad setting "${pair}".`, 'Write key=value with key one of language, timeZone, startAtLogin, logLevel, deleteGuard, e.g. `ferry settings set timeZone=Europe/Berlin deleteGuard=10,50`.');
  }
}

export function registerSettings(program: Command): void {
  const cmd = program.command('settings').description('machine-wide settings (language, time zone, start at login, log level, default delete guard)');
  cmd
    .command('show')
    .action(async (_o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const s = settings.get(ctx);
        out.result(s, () => human(s));
      }),
    );
  cmd
    .command('set <key=value...>')
    .description('change settings, e.g. `ferry settings set timeZone=Europe/Berlin language=de`')
    .action(async (pairs: string[], _o: unknown, c: Command) =>
      withContext(c, async (ctx, out) => {
        const patch = Object.assign({}, ...pairs.map(parseSetting)) as Partial<Settings>;
        const s = settings.update(ctx, patch);
        out.result(s, () => human(s));
      }),
    );
}

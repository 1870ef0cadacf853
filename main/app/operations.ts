import { contract, type OpInput, type OpOutput, type OperationName } from '../../shared/contract.js';
import { FerryError } from '../../shared/errors.js';
import type { ProgressEvent } from '../../shared/progress.js';
import { checkPipeline } from './check.js';
import { pipelineUsers } from './per-user.js';
import { exportConfig, importConfig } from './config.js';
import { conflicts } from './conflicts.js';
import { connections, mustGetConnection } from './connections.js';
import type { AppContext } from './context.js';
import { searchCustomers } from './customers.js';
import { connectionCapabilities, listKinds } from './kinds.js';
import { pipelines } from './pipelines.js';
import { executeRun, runs } from './runs.js';
import { settings } from './settings.js';
import { getStatus } from './status.js';
import { undoRun } from './undo.js';

export interface OpEnv {
  ctx: AppContext;
  /** How a run is started: in-process, or queued through the engine host's run queue. */
  startRun?: (input: OpInput<'runs.start'>, emit: (e: ProgressEvent) => void) => Promise<OpOutput<'runs.start'>>;
  emit?: (e: ProgressEvent) => void;
}

type Handlers = { [K in OperationName]: (env: OpEnv, input: OpOutput<K> extends never ? never : ReturnType<Contract[K]['input']['parse']>) => Promise<OpOutput<K>> | OpOutput<K> };
type Contract = typeof contract;

const handlers: Handlers = {
  'kinds.list': ({ ctx }) => listKinds(ctx),
  'connections.list': ({ ctx }) => connections.list(ctx),
  'connections.show': ({ ctx }, i) => connections.show(ctx, i.name),
  'connections.create': ({ ctx }, i) => connections.create(ctx, { ...i, options: i.options ?? {} }),
  'connections.update': ({ ctx }, i) => connections.update(ctx, i),
  'connections.setSecret': ({ ctx }, i) => connections.setSecret(ctx, i.name, i.secret, i.secretName),
  'connections.test': ({ ctx }, i) => connections.test(ctx, i.name, i.user),
  'connections.preflight': ({ ctx }, i) => connections.preflight(ctx, i.name),
  'connections.capabilities': ({ ctx }, i) => connectionCapabilities(ctx, mustGetConnection(ctx, i.name)),
  'connections.disable': ({ ctx }, i) => connections.setEnabled(ctx, i.name, false),
  'connections.enable': ({ ctx }, i) => connections.setEnabled(ctx, i.name, true),
  'connections.remove': ({ ctx }, i) => connections.remove(ctx, i.name),
  'pipelines.list': ({ ctx }) => pipelines.list(ctx),
  'pipelines.show': ({ ctx }, i) => pipelines.show(ctx, i.name),
  'pipelines.create': ({ ctx }, i) => pipelines.create(ctx, i),
  'pipelines.update': ({ ctx }, i) => pipelines.update(ctx, i),
  'customers.search': ({ ctx }, i) => searchCustomers(ctx, i),
  'pipelines.check': ({ ctx }, i) => checkPipeline(ctx, i.name),
  'pipelines.users': ({ ctx }, i) => pipelineUsers(ctx, i.name),
  'pipelines.pause': ({ ctx }, i) => pipelines.setPaused(ctx, i.name, true),
  'pipelines.resume': ({ ctx }, i) => pipelines.setPaused(ctx, i.name, false),
  'pipelines.remove': ({ ctx }, i) => pipelines.remove(ctx, i.name),
  'runs.start': (env, i) => (env.startRun ? env.startRun(i, env.emit ?? (() => undefined)) : executeRun(env.ctx, i, env.emit)),
  'runs.list': ({ ctx }, i) => runs.list(ctx, i.pipeline, i.limit),
  'runs.show': ({ ctx }, i) => runs.show(ctx, i.id),
  'runs.undo': ({ ctx }, i) => undoRun(ctx, i.id),
  'status.get': ({ ctx }) => getStatus(ctx),
  'conflicts.list': ({ ctx }, i) => conflicts.list(ctx, i.pipeline, i.includeClosed ?? false),
  'conflicts.show': ({ ctx }, i) => conflicts.show(ctx, i.id),
  'conflicts.resolve': ({ ctx }, i) => conflicts.resolve(ctx, { id: i.id, take: i.take, fields: i.fields ?? {} }),
  'settings.get': ({ ctx }) => settings.get(ctx),
  'settings.update': ({ ctx }, i) => settings.update(ctx, i),
  'config.export': ({ ctx }) => exportConfig(ctx),
  'config.import': ({ ctx }, i) => importConfig(ctx, i.config),
};

/** Calls one operation: the input is validated against the contract; the output too, so no interface can leak more. */
export async function callOperation<K extends OperationName>(env: OpEnv, name: K, input: unknown): Promise<OpOutput<K>> {
  const spec = contract[name];
  if (!spec) throw new FerryError('input', `Unknown operation "${String(name)}".`, 'See the API contract in shared/contract.ts.');
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FerryError('input', `Invalid input for ${name}: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(), 'Check the request against the API contract.');
  }
  const handler = handlers[name] as (env: OpEnv, i: unknown) => Promise<OpOutput<K>> | OpOutput<K>;
  const out = await handler(env, parsed.data);
  return spec.output.parse(out) as OpOutput<K>;
}

export const isOperation = (name: string): name is OperationName => Object.prototype.hasOwnProperty.call(contract, name);

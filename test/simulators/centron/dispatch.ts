// Runs one parsed request envelope through the method table: ticket check, right check, handler.
import { CallError, MESSAGES, RawResult, type MethodSpec } from './methods/index.js';
import type { SimState } from './state.js';

export interface Reply {
  status: 0 | 1 | 2;
  message: string;
  resultJson: string;
}

const fail = (status: 1 | 2, message: string): Reply => ({ status, message, resultJson: '[]' });

export function dispatch(state: SimState, spec: MethodSpec, envelope: unknown, maxTicketUses: number | null): Reply {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return fail(1, MESSAGES.badEnvelope);
  const env = envelope as Record<string, unknown>;
  let session = null;
  let user = null;
  if (spec.ticket) {
    session = state.sessions.use(env.Ticket, maxTicketUses);
    user = session ? (state.user(session.username) ?? null) : null;
    if (!session || !user) return fail(2, MESSAGES.ticketInvalid);
    if (spec.right && !user.rights[spec.right]) return fail(1, MESSAGES.accessDenied);
  }
  try {
    const result = spec.handle({ state, user, session, ticket: env.Ticket, maxTicketUses }, env.Data);
    const resultJson = result instanceof RawResult ? result.json : JSON.stringify(result);
    return { status: 0, message: '', resultJson };
  } catch (err) {
    if (err instanceof CallError) return fail(err.status, err.message);
    return fail(1, `Internal error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// Fault injection: random rates (seeded RNG, reproducible) and deterministic one-shot counters.
import { createRng, type Rng } from './prng.js';

export type FailKind = '500' | '503-retry-after' | '429' | 'html' | 'truncated' | 'timeout' | 'drop-after-apply';

export interface FailNext {
  /** Only calls of this method match; omitted = any method. */
  method?: string;
  /** How many matching calls fail (each one decrements it). */
  count: number;
  kind: FailKind;
  /** For 'html': the HTTP status of the HTML page (default 200). */
  httpStatus?: 200 | 500;
}

export interface RateLimit {
  /** Calls accepted per window; further calls get 429 with Retry-After until the window ends. */
  limit: number;
  windowMs: number;
}

export interface FaultConfig {
  /** Delay before every answer (also before fault answers). */
  latencyMs: number;
  /** Share of calls answered HTTP 500 or 503 (503 with Retry-After), half each. Not applied. */
  errorRate: number;
  /** Share of calls never answered (the socket stays open until the client gives up). Not applied. */
  timeoutRate: number;
  /** Share of calls applied and then answered with a body cut in half (Content-Length of the whole; socket closed). */
  truncatedBodyRate: number;
  /** Share of calls answered with an HTML error page, HTTP 200 or 500 (half each). Not applied. */
  htmlBodyRate: number;
  /** A ticket becomes invalid (Status 2) after this many accepted calls; counters restart when the knob is set. null = off. */
  ticketExpiryAfterCalls: number | null;
  /** One-shot failures, consumed in order: the first rule matching the method with count > 0 fires. */
  failNext: FailNext[];
  rateLimit: RateLimit | null;
  /** Retry-After (seconds) on 503 and failNext '429'. */
  retryAfterSeconds: number;
}

export type FaultInput = Partial<Omit<FaultConfig, 'failNext'>> & { failNext?: FailNext | FailNext[] | null };

/** What to do with one call. */
export type FaultAction =
  | { kind: 'none' }
  | { kind: 'status'; status: 500 | 503 | 429; retryAfterSeconds?: number }
  | { kind: 'html'; status: 200 | 500 }
  | { kind: 'truncated' }
  | { kind: 'timeout' }
  | { kind: 'drop-after-apply' };

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  truncatedBodyRate: 0,
  htmlBodyRate: 0,
  ticketExpiryAfterCalls: null,
  failNext: [],
  rateLimit: null,
  retryAfterSeconds: 1,
};

export class Faults {
  config: FaultConfig = { ...NO_FAULTS, failNext: [] };
  private readonly rng: Rng;
  private windowStart = 0;
  private windowCalls = 0;

  constructor(
    seed: number | string,
    private readonly now: () => number,
    private readonly onTicketExpiryKnob: () => void,
  ) {
    this.rng = createRng(`faults:${seed}`);
  }

  set(input: FaultInput): void {
    const { failNext, ...rest } = input;
    const next: FaultConfig = { ...this.config, ...stripUndefined(rest) };
    if (failNext !== undefined) next.failNext = failNext === null ? [] : (Array.isArray(failNext) ? failNext : [failNext]).map((f) => ({ ...f }));
    if (input.rateLimit !== undefined) {
      this.windowStart = this.now();
      this.windowCalls = 0;
    }
    if (input.ticketExpiryAfterCalls !== undefined) this.onTicketExpiryKnob();
    this.config = next;
  }

  /** Decides the fate of one call to `method` (consumes one-shot counters and rate-limit budget). */
  decide(method: string): FaultAction {
    const c = this.config;
    if (c.rateLimit) {
      const now = this.now();
      if (now - this.windowStart >= c.rateLimit.windowMs) {
        this.windowStart = now;
        this.windowCalls = 0;
      }
      if (this.windowCalls >= c.rateLimit.limit) {
        const waitMs = this.windowStart + c.rateLimit.windowMs - now;
        return { kind: 'status', status: 429, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      this.windowCalls++;
    }
    const rule = c.failNext.find((f) => f.count > 0 && (f.method === undefined || f.method === method));
    if (rule) {
      rule.count--;
      switch (rule.kind) {
        case '500':
          return { kind: 'status', status: 500 };
        case '503-retry-after':
          return { kind: 'status', status: 503, retryAfterSeconds: c.retryAfterSeconds };
        case '429':
          return { kind: 'status', status: 429, retryAfterSeconds: c.retryAfterSeconds };
        case 'html':
          return { kind: 'html', status: rule.httpStatus ?? 200 };
        default:
          return { kind: rule.kind };
      }
    }
    if (c.errorRate > 0 && this.rng() < c.errorRate) {
      return this.rng() < 0.5 ? { kind: 'status', status: 500 } : { kind: 'status', status: 503, retryAfterSeconds: c.retryAfterSeconds };
    }
    if (c.timeoutRate > 0 && this.rng() < c.timeoutRate) return { kind: 'timeout' };
    if (c.htmlBodyRate > 0 && this.rng() < c.htmlBodyRate) return { kind: 'html', status: this.rng() < 0.5 ? 200 : 500 };
    if (c.truncatedBodyRate > 0 && this.rng() < c.truncatedBodyRate) return { kind: 'truncated' };
    return { kind: 'none' };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The HTML page IIS / a reverse proxy sends instead of JSON. */
export function htmlErrorPage(status: number): string {
  return `<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Server Error in '/' Application.</h1><p>HTTP ${status}: The service is temporarily unavailable.</p></body></html>`;
}

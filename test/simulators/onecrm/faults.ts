// Fault injection: seeded random rates (reproducible) and deterministic one-shot rules.
import { createRng, type Rng } from './prng.js';

export type FailKind = '429' | '500' | '503' | 'truncated' | 'timeout' | 'drop-after-apply';

export interface FailNext {
  /**
   * Only requests whose route starts with this match, the route being `METHOD /path-below-api.php`, e.g.
   * 'PATCH /data/Account', 'POST /auth/user/access_token', 'GET /data/Contact'. Omitted = any request.
   */
  route?: string;
  /** How many matching requests fail (each one decrements it). */
  count: number;
  kind: FailKind;
  /** For '429' and '503': the Retry-After header in seconds (default none for 503, 1 for 429). */
  retryAfterSec?: number;
}

export interface FaultConfig {
  /** Delay before every answer (also before fault answers). */
  latencyMs: number;
  /** Share of requests answered HTTP 500 or 503 (half each), not applied. */
  errorRate: number;
  /** Share of requests applied and then answered with half the body (Content-Length of the whole; socket closed). */
  truncatedBodyRate: number;
  /** Share of requests never answered, not applied. */
  timeoutRate: number;
  /** Share of writes (POST / PATCH / DELETE on /data) applied and then answered with nothing (socket closed). */
  dropAfterApplyRate: number;
  /** One-shot failures, consumed in order: the first rule matching the route with count > 0 fires. */
  failNext: FailNext[];
}

export type FaultInput = Partial<Omit<FaultConfig, 'failNext'>> & { failNext?: FailNext | FailNext[] | null };

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'status'; status: 429 | 500 | 503; retryAfterSec?: number }
  | { kind: 'truncated' }
  | { kind: 'timeout' }
  | { kind: 'drop-after-apply' };

export const NO_FAULTS: FaultConfig = { latencyMs: 0, errorRate: 0, truncatedBodyRate: 0, timeoutRate: 0, dropAfterApplyRate: 0, failNext: [] };

export class Faults {
  config: FaultConfig = { ...NO_FAULTS, failNext: [] };
  private readonly rng: Rng;

  constructor(seed: number | string) {
    this.rng = createRng(`onecrm-faults:${seed}`);
  }

  set(input: FaultInput): void {
    const { failNext, ...rest } = input;
    const next: FaultConfig = { ...this.config };
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
    if (failNext !== undefined) next.failNext = failNext === null ? [] : (Array.isArray(failNext) ? failNext : [failNext]).map((x) => ({ ...x }));
    this.config = next;
  }

  decide(route: string, isWrite: boolean): FaultAction {
    const c = this.config;
    const rule = c.failNext.find((x) => x.count > 0 && (x.route === undefined || route.startsWith(x.route)));
    if (rule) {
      rule.count--;
      switch (rule.kind) {
        case '429':
          return { kind: 'status', status: 429, retryAfterSec: rule.retryAfterSec ?? 1 };
        case '500':
          return { kind: 'status', status: 500 };
        case '503':
          return rule.retryAfterSec === undefined ? { kind: 'status', status: 503 } : { kind: 'status', status: 503, retryAfterSec: rule.retryAfterSec };
        default:
          return { kind: rule.kind };
      }
    }
    if (c.errorRate > 0 && this.rng() < c.errorRate) return { kind: 'status', status: this.rng() < 0.5 ? 500 : 503 };
    if (c.timeoutRate > 0 && this.rng() < c.timeoutRate) return { kind: 'timeout' };
    if (c.truncatedBodyRate > 0 && this.rng() < c.truncatedBodyRate) return { kind: 'truncated' };
    if (isWrite && c.dropAfterApplyRate > 0 && this.rng() < c.dropAfterApplyRate) return { kind: 'drop-after-apply' };
    return { kind: 'none' };
  }
}

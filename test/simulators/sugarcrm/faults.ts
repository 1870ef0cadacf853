// Fault injection: seeded random rates (reproducible) and deterministic one-shot rules.
import { createRng, type Rng } from './prng.js';

export type FailKind = '500' | '503' | 'php-fatal' | 'truncated' | 'timeout' | 'drop-after-apply';

export interface FailNext {
  /** Only calls of this v4_1 method (the `method` form field) match; omitted = any method. */
  method?: string;
  /** How many matching calls fail (each one decrements it). */
  count: number;
  kind: FailKind;
  /** For 'php-fatal': 200 = display_errors on (the HTML text, status 200), 500 = display_errors off (empty body). Default: the simulator's `displayErrors`. */
  httpStatus?: 200 | 500;
}

export interface FaultConfig {
  /** Delay before every answer (also before fault answers). */
  latencyMs: number;
  /** Share of calls answered HTTP 500 or 503 (half each), not applied. */
  errorRate: number;
  /** Share of calls applied and then answered with half the body (Content-Length of the whole; socket closed). */
  truncatedBodyRate: number;
  /** Share of calls never answered, not applied. */
  timeoutRate: number;
  /** Sessions become invalid ("Invalid Session ID") after this many accepted calls each; setting it restarts the counters. null = off. */
  sessionExpiryAfterCalls: number | null;
  /** One-shot failures, consumed in order: the first rule matching the method with count > 0 fires. */
  failNext: FailNext[];
}

export type FaultInput = Partial<Omit<FaultConfig, 'failNext'>> & { failNext?: FailNext | FailNext[] | null };

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'status'; status: 500 | 503 }
  | { kind: 'php-fatal'; status: 200 | 500 | undefined }
  | { kind: 'truncated' }
  | { kind: 'timeout' }
  | { kind: 'drop-after-apply' };

export const NO_FAULTS: FaultConfig = { latencyMs: 0, errorRate: 0, truncatedBodyRate: 0, timeoutRate: 0, sessionExpiryAfterCalls: null, failNext: [] };

export class Faults {
  config: FaultConfig = { ...NO_FAULTS, failNext: [] };
  private readonly rng: Rng;

  constructor(
    seed: number | string,
    private readonly onSessionKnob: (afterCalls: number | null) => void,
  ) {
    this.rng = createRng(`sugar-faults:${seed}`);
  }

  set(input: FaultInput): void {
    const { failNext, ...rest } = input;
    const next: FaultConfig = { ...this.config };
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
    if (failNext !== undefined) next.failNext = failNext === null ? [] : (Array.isArray(failNext) ? failNext : [failNext]).map((x) => ({ ...x }));
    if (input.sessionExpiryAfterCalls !== undefined) this.onSessionKnob(input.sessionExpiryAfterCalls);
    this.config = next;
  }

  decide(method: string): FaultAction {
    const c = this.config;
    const rule = c.failNext.find((x) => x.count > 0 && (x.method === undefined || x.method === method));
    if (rule) {
      rule.count--;
      switch (rule.kind) {
        case '500':
          return { kind: 'status', status: 500 };
        case '503':
          return { kind: 'status', status: 503 };
        case 'php-fatal':
          return { kind: 'php-fatal', status: rule.httpStatus };
        default:
          return { kind: rule.kind };
      }
    }
    if (c.errorRate > 0 && this.rng() < c.errorRate) return { kind: 'status', status: this.rng() < 0.5 ? 500 : 503 };
    if (c.timeoutRate > 0 && this.rng() < c.timeoutRate) return { kind: 'timeout' };
    if (c.truncatedBodyRate > 0 && this.rng() < c.truncatedBodyRate) return { kind: 'truncated' };
    return { kind: 'none' };
  }
}

/** Apache's page for a 500 / 503 in front of PHP. */
export function apacheErrorPage(status: number): string {
  const title = status === 503 ? 'Service Unavailable' : 'Internal Server Error';
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p>\n</body></html>\n`;
}

/** What PHP 8 prints for an uncaught Error with display_errors=On and html_errors=On (`message` starts with the class, e.g. 'Error: ...'). */
export function phpFatalPage(message: string): string {
  const file = '/var/www/html/service/core/REST/SugarRestJSON.php';
  return `<br />\n<b>Fatal error</b>:  Uncaught ${message} in ${file}:57\nStack trace:\n#0 /var/www/html/service/core/SugarRestService.php(152): SugarRestJSON-&gt;serve()\n#1 /var/www/html/service/core/webservice.php(70): SugarRestService-&gt;serve()\n#2 /var/www/html/service/v4_1/rest.php(53): require_once('/var/www/html/s...')\n#3 {main}\n  thrown in <b>${file}</b> on line <b>57</b><br />\n`;
}

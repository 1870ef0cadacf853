/**
 * Named crash points. Tests set FERRY_CRASH_AT=<point>[:<n>] to make the process die (SIGKILL-like, no cleanup)
 * the n-th time (default 1st) it passes that point. Never set in production.
 */
export const crashPoints = [
  'after-intent', // the intent row is committed, the remote write not yet made
  'after-remote-write', // the remote system applied the write, the link not yet committed
  'mid-page', // half of a page's writes are done
  'before-cursor', // all writes done, the cursor not yet committed
  'before-finish', // everything committed, the run row not yet closed
] as const;
export type CrashPoint = (typeof crashPoints)[number];

const spec = process.env['FERRY_CRASH_AT'];
const [point, nth] = spec ? spec.split(':') : [];
const target = nth ? Number(nth) : 1;
let seen = 0;

/** Thrown by an in-process crash simulation (property tests): the engine lets it through untouched. */
export class SimulatedCrash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`simulated crash at ${point}`);
  }
}

let simulate: ((p: CrashPoint) => boolean) | null = null;
/** Tests only: decide per passage whether the "process" dies here (throws SimulatedCrash). */
export function simulateCrashes(decide: ((p: CrashPoint) => boolean) | null): void {
  simulate = decide;
}

export function crashPoint(p: CrashPoint): void {
  if (simulate?.(p)) throw new SimulatedCrash(p);
  if (!point || p !== point) return;
  seen++;
  if (seen === target) {
    process.stderr.write(`FERRY_CRASH_AT: dying at ${p} (#${seen})\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

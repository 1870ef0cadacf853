import { toErrorBody, type ErrorBody } from '../../shared/errors.js';

export interface Out {
  json: boolean;
  /** Machine output: exactly one JSON document on stdout with --json. */
  result(value: unknown, human: () => string): void;
  info(line: string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
      else process.stdout.write(`${human()}\n`);
    },
    info(line) {
      // Human chatter goes to stderr with --json so stdout stays machine-readable.
      (json ? process.stderr : process.stdout).write(`${line}\n`);
    },
  };
}

/** Prints an error with its category and hint on stderr (and as JSON there with --json); returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  const b: ErrorBody = toErrorBody(e);
  if (json) process.stderr.write(`${JSON.stringify({ error: b })}\n`);
  else process.stderr.write(`error (${b.category}): ${b.message}\nhint: ${b.hint}\n`);
  return b.category === 'internal' ? 70 : 1;
}

export const table = (rows: string[][]): string => {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
};

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

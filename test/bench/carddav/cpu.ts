// The CPU time a tool's process used (user + system, its children included), from bash's `times` after it exits:
// on this 2-core machine a client that burns CPU slows the server it waits for, so the benchmark reports it.

/** Command and arguments that run `cmd args…` under bash and print its CPU times to stderr after it ends. */
export function withCpuTimes(cmd: string, args: string[]): [string, string[]] {
  // `times` in this shell itself (a pipe or $(…) would run it in a fresh subshell, which has used no time yet).
  return ['bash', ['-c', '"$0" "$@"; rc=$?; echo __cpu__ >&2; times >&2; exit $rc', cmd, ...args]];
}

const seconds = (s: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** The CPU milliseconds from that stderr, and the stderr without the marker line; NaN when it is missing. */
export function cpuTimes(stderr: string): { cpuMs: number; stderr: string } {
  // `times` prints the shell's user and system time, then on the next line its children's.
  const m = /__cpu__\n\S+ \S+\n(\S+) (\S+)\s*$/.exec(stderr);
  if (!m) return { cpuMs: NaN, stderr };
  return { cpuMs: Math.round((seconds(m[1]!) + seconds(m[2]!)) * 1000), stderr: stderr.slice(0, m.index) };
}

/** A run's duration, short: "850 ms", "12 s", "3 min 4 s", "1 h 2 min" (the units read the same in German). */
export function formatDuration(ms: number | null | undefined, number: (n: number) => string = String): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${number(Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${number(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${number(m)} min ${number(s % 60)} s` : `${number(m)} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${number(h)} h ${number(m % 60)} min` : `${number(h)} h`;
}

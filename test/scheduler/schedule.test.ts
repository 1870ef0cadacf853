import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../shared/errors.js';
import { dueRuns, missedRun, missedTrigger, nextFullAt, nextRuns, validateSchedule, zonedTime, type PipelineSchedule } from '../../main/scheduler/schedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (d: Date): string => d.toISOString();

function schedule(partial: Partial<PipelineSchedule>): PipelineSchedule {
  return { everyMinutes: null, fullAt: null, timeZone: 'UTC', entityEvery: {}, activatedAt: '2026-01-01T00:00:00Z', ...partial };
}

function expectInputError(input: unknown, pattern: RegExp): void {
  try {
    validateSchedule(input);
  } catch (e) {
    expect(isFerryError(e)).toBe(true);
    if (!isFerryError(e)) return;
    expect(e.category).toBe('input');
    expect(e.message).toMatch(pattern);
    expect(e.hint.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

// ---- an independent reading of the wall clock, for the oracle: Intl with another locale and parsing ----------
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function oracleWall(t: number, timeZone: string): number {
  let f = oracleFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    oracleFormats.set(timeZone, f);
  }
  // "2026-03-29 03:00:00"
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(f.format(new Date(t)));
  if (!m) throw new Error(`unexpected format ${f.format(new Date(t))}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/**
 * Brute force: the first whole minute whose wall reading is at or after `target` (a wall time as UTC ms).
 * Walks 15-minute steps; a step in which the wall clock advanced by exactly 15 minutes had no change inside and
 * is linear, any other step is walked minute by minute (the clock may have jumped forward or back inside it).
 */
function oracleFirstAtOrAfter(target: number, timeZone: string): number {
  const step = 15 * MIN;
  for (let t = Math.floor((target - 15 * HOUR) / step) * step; t < target + 15 * HOUR; t += step) {
    const w0 = oracleWall(t, timeZone);
    if (w0 >= target) return t;
    const w1 = oracleWall(t + step, timeZone);
    if (w1 - w0 === step) {
      if (w1 >= target) return t + (target - w0);
      continue;
    }
    for (let m = t + MIN; m <= t + step; m += MIN) if (oracleWall(m, timeZone) >= target) return m;
  }
  throw new Error('oracle: target not reached');
}

/** Brute force: the next daily run after `now` = min over local dates D of firstAtOrAfter(D@HH:MM) > now. */
function oracleNextFull(fullAt: string, timeZone: string, now: number): number {
  const [h, m] = fullAt.split(':').map(Number) as [number, number];
  const local = new Date(oracleWall(now, timeZone));
  for (let i = -1; i <= 2; i++) {
    const target = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + i, h, m);
    const at = oracleFirstAtOrAfter(target, timeZone);
    if (at > now) return at;
  }
  throw new Error('oracle found nothing');
}

describe('validateSchedule', () => {
  it('accepts a full schedule, applies defaults and canonicalises the zone', () => {
    const s = validateSchedule({ everyMinutes: 15, fullAt: '23:55', timeZone: 'europe/berlin', entityEvery: { device: 45 }, activatedAt: '2026-03-01T08:00:00+01:00' });
    expect(s).toEqual({ everyMinutes: 15, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 }, activatedAt: '2026-03-01T08:00:00+01:00' });
    const d = validateSchedule({ activatedAt: '2026-03-01T08:00:00Z' });
    expect(d.everyMinutes).toBeNull();
    expect(d.fullAt).toBeNull();
    expect(d.entityEvery).toEqual({});
    expect(d.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('accepts the bounds 5 and 1440 and times 00:00 and 23:59', () => {
    expect(validateSchedule(schedule({ everyMinutes: 5, fullAt: '00:00' })).everyMinutes).toBe(5);
    expect(validateSchedule(schedule({ everyMinutes: 1440, fullAt: '23:59', entityEvery: { ticket: 5, invoice: 1440 } })).fullAt).toBe('23:59');
  });

  it('rejects intervals out of range or fractional', () => {
    expectInputError(schedule({ everyMinutes: 4 }), /everyMinutes must be at least 5/);
    expectInputError(schedule({ everyMinutes: 1441 }), /everyMinutes must be at most 1440/);
    expectInputError(schedule({ everyMinutes: 7.5 }), /everyMinutes must be a whole number/);
    expectInputError(schedule({ entityEvery: { device: 2 } }), /entityEvery\.device must be at least 5/);
  });

  it('rejects unknown entities, bad times, bad zones and bad activation times', () => {
    expectInputError({ ...schedule({}), entityEvery: { devices: 45 } }, /entityEvery.*devices/);
    for (const t of ['24:00', '7:30', '12:60', '12-30', '']) expectInputError(schedule({ fullAt: t }), /fullAt must be a time of day as HH:MM/);
    expectInputError(schedule({ timeZone: 'Europe/Berln' }), /"Europe\/Berln" is not a known IANA time zone/);
    expectInputError(schedule({ activatedAt: 'yesterday' }), /activatedAt must be an ISO 8601/);
    expectInputError(schedule({ activatedAt: '2026-01-01T00:00:00' }), /activatedAt/); // no zone: ambiguous
    expectInputError({ ...schedule({}), cron: '* * * * *' }, /cron/);
  });

  it('names every problem at once, with a hint for each field', () => {
    try {
      validateSchedule({ everyMinutes: 1, fullAt: 'noon', timeZone: 'Nowhere', activatedAt: '2026-01-01T00:00:00Z' });
      throw new Error('not rejected');
    } catch (e) {
      if (!isFerryError(e)) throw e;
      expect(e.message).toMatch(/everyMinutes.*fullAt.*timeZone/);
      expect(e.hint).toMatch(/between 5 and 1440/);
      expect(e.hint).toMatch(/HH:MM/);
      expect(e.hint).toMatch(/IANA/);
    }
  });
});

describe('intervals: elapsed time anchored to the activation', () => {
  it('runs at activatedAt + k·interval, the first one after now', () => {
    const s = schedule({ everyMinutes: 15, activatedAt: '2026-03-01T08:07:00Z' });
    expect(nextRuns(s, new Date('2026-03-01T08:07:00Z')).map((r) => iso(r.at))).toEqual(['2026-03-01T08:22:00.000Z']);
    expect(nextRuns(s, new Date('2026-03-01T10:21:59.999Z')).map((r) => iso(r.at))).toEqual(['2026-03-01T10:22:00.000Z']);
    expect(nextRuns(s, new Date('2026-03-01T10:22:00Z')).map((r) => iso(r.at))).toEqual(['2026-03-01T10:37:00.000Z']);
    // Activation in the future: the first run is the activation itself.
    expect(nextRuns(s, new Date('2026-02-01T00:00:00Z')).map((r) => iso(r.at))).toEqual(['2026-03-01T08:07:00.000Z']);
  });

  it('keeps elapsed time across a daylight-saving change (Europe/Berlin, 2026-03-29)', () => {
    const s = schedule({ everyMinutes: 60, timeZone: 'Europe/Berlin', activatedAt: '2026-03-28T22:30:00Z' });
    const seen: string[] = [];
    let now = new Date('2026-03-28T23:00:00Z');
    for (let i = 0; i < 4; i++) {
      const at = nextRuns(s, now)[0]!.at;
      seen.push(iso(at));
      now = at;
    }
    expect(seen).toEqual(['2026-03-28T23:30:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z']);
  });

  it('leaves entities with their own interval out of the pipeline-wide runs', () => {
    const s = schedule({ everyMinutes: 15, entityEvery: { device: 45 }, activatedAt: '2026-03-01T08:00:00Z' });
    const runs = nextRuns(s, new Date('2026-03-01T08:20:00Z'));
    expect(runs).toEqual([
      { at: new Date('2026-03-01T08:30:00Z'), kind: 'interval', mode: 'delta', entities: ['customer', 'contact', 'contract', 'ticket', 'invoice'] },
      { at: new Date('2026-03-01T08:45:00Z'), kind: 'entity', mode: 'delta', entities: ['device'] },
    ]);
    // When every entity has its own interval, the pipeline-wide interval has nothing left to run.
    const all = schedule({ everyMinutes: 15, entityEvery: { customer: 60, contact: 60, contract: 60, device: 45, ticket: 5, invoice: 1440 } });
    expect(nextRuns(all, new Date('2026-03-01T08:20:00Z')).map((r) => r.kind)).toEqual(['entity', 'entity', 'entity', 'entity', 'entity', 'entity']);
  });

  it('property: every interval run is on the anchor grid, after now, and the first such instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 5, max: 1440 }),
        fc.integer({ min: -3 * DAY, max: 400 * DAY }),
        (activated, minutes, delta) => {
          const s = schedule({ everyMinutes: minutes, activatedAt: activated.toISOString() });
          const now = new Date(activated.getTime() + delta);
          const [run, ...rest] = nextRuns(s, now);
          expect(rest).toEqual([]);
          const at = run!.at.getTime();
          const period = minutes * MIN;
          expect(at).toBeGreaterThan(now.getTime());
          expect((at - activated.getTime()) % period).toBe(0);
          expect(at >= activated.getTime()).toBe(true);
          // the first one: the previous grid point is not after now (or there is none)
          if (at > activated.getTime()) expect(at - period).toBeLessThanOrEqual(now.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('time of day: wall clock in the zone', () => {
  const berlin = 'Europe/Berlin';

  it('runs at the wall time in winter and summer (CET/CEST)', () => {
    expect(iso(nextFullAt('23:55', berlin, new Date('2026-01-15T12:00:00Z')))).toBe('2026-01-15T22:55:00.000Z');
    expect(iso(nextFullAt('23:55', berlin, new Date('2026-07-15T12:00:00Z')))).toBe('2026-07-15T21:55:00.000Z');
    expect(iso(nextFullAt('23:55', berlin, new Date('2026-07-15T21:55:00Z')))).toBe('2026-07-16T21:55:00.000Z');
  });

  it('spring forward, Europe/Berlin 2026-03-29: a time in the missing hour runs at 03:00 CEST, once', () => {
    const before = new Date('2026-03-28T12:00:00Z');
    // 02:00..02:59 do not exist that night: the first valid instant after them is 03:00 CEST = 01:00Z.
    expect(iso(zonedTime(2026, 3, 29, 2, 0, berlin))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedTime(2026, 3, 29, 2, 30, berlin))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedTime(2026, 3, 29, 2, 59, berlin))).toBe('2026-03-29T01:00:00.000Z');
    // Around it, normal.
    expect(iso(zonedTime(2026, 3, 29, 1, 59, berlin))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedTime(2026, 3, 29, 3, 1, berlin))).toBe('2026-03-29T01:01:00.000Z');
    // The daily sequence for 02:30: 01:30Z (CET), 01:00Z (the change), 00:30Z (CEST).
    const seq: string[] = [];
    let now = before;
    for (let i = 0; i < 3; i++) {
      now = nextFullAt('02:30', berlin, now);
      seq.push(iso(now));
    }
    expect(seq).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
    // …and the day before the change it ran at 01:30Z.
    expect(iso(nextFullAt('02:30', berlin, new Date('2026-03-27T12:00:00Z')))).toBe('2026-03-28T01:30:00.000Z');
  });

  it('fall back, Europe/Berlin 2026-10-25: a time in the repeated hour runs once, at its first occurrence', () => {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(zonedTime(2026, 10, 25, 2, 30, berlin))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextFullAt('02:30', berlin, new Date('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    // Between the two occurrences, and at the second, the next run is the next day's.
    expect(iso(nextFullAt('02:30', berlin, new Date('2026-10-25T00:30:00Z')))).toBe('2026-10-26T01:30:00.000Z');
    expect(iso(nextFullAt('02:30', berlin, new Date('2026-10-25T01:29:59Z')))).toBe('2026-10-26T01:30:00.000Z');
    expect(iso(nextFullAt('02:30', berlin, new Date('2026-10-25T01:30:00Z')))).toBe('2026-10-26T01:30:00.000Z');
    // A daily 23:55 keeps its wall time across the change: 21:55Z before, 22:55Z after.
    expect(iso(nextFullAt('23:55', berlin, new Date('2026-10-24T12:00:00Z')))).toBe('2026-10-24T21:55:00.000Z');
    expect(iso(nextFullAt('23:55', berlin, new Date('2026-10-25T12:00:00Z')))).toBe('2026-10-25T22:55:00.000Z');
    // Walking the runs over the weekend gives exactly one run per day.
    const runs: string[] = [];
    let now = new Date('2026-10-23T12:00:00Z');
    for (let i = 0; i < 4; i++) {
      now = nextFullAt('02:30', berlin, now);
      runs.push(iso(now));
    }
    expect(runs).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });

  it('a zone without daylight saving (Asia/Kolkata, +05:30) runs at the same UTC time all year', () => {
    const s = schedule({ fullAt: '23:55', timeZone: 'Asia/Kolkata' });
    for (const day of ['2026-01-10', '2026-03-29', '2026-07-01', '2026-10-25', '2026-12-31']) {
      const [run] = nextRuns(s, new Date(`${day}T00:00:00Z`));
      expect(iso(run!.at)).toBe(`${day}T18:25:00.000Z`);
      expect(run).toMatchObject({ kind: 'full', mode: 'full', entities: null });
    }
    // 02:30 is an ordinary time there, also on Berlin's change days.
    expect(iso(zonedTime(2026, 3, 29, 2, 30, 'Asia/Kolkata'))).toBe('2026-03-28T21:00:00.000Z');
    expect(iso(zonedTime(2026, 10, 25, 2, 30, 'Asia/Kolkata'))).toBe('2026-10-24T21:00:00.000Z');
  });

  it('other shapes of change: Lord Howe (30 minutes) and Santiago (at midnight)', () => {
    // Lord Howe springs forward 02:00 → 02:30 (+10:30 → +11) on 2026-10-04.
    expect(iso(zonedTime(2026, 10, 4, 2, 15, 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z');
    // Santiago springs forward at 24:00 → 01:00 on 2026-09-06: 00:30 does not exist that day.
    const t = zonedTime(2026, 9, 6, 0, 30, 'America/Santiago');
    expect(oracleWall(t.getTime(), 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 1, 0));
    expect(t.getTime()).toBe(oracleFirstAtOrAfter(Date.UTC(2026, 8, 6, 0, 30), 'America/Santiago'));
  });

  // Times near every transition of these zones in 2025–2027, found by sampling offsets.
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'Asia/Kolkata', 'UTC', 'Asia/Tokyo'];
  const transitions: Array<{ zone: string; at: number }> = [];
  for (const zone of zones) {
    let prev: number | null = null;
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 3 * HOUR) {
      const off = oracleWall(t, zone) - t;
      if (prev !== null && off !== prev) {
        // narrow down to the minute of the change
        let lo = t - 3 * HOUR;
        let hi = t;
        while (hi - lo > MIN) {
          const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
          if (oracleWall(mid, zone) - mid === prev) lo = mid;
          else hi = mid;
        }
        transitions.push({ zone, at: hi });
      }
      prev = off;
    }
  }

  it('finds transitions to test against (sanity of the generator)', () => {
    expect(transitions.filter((x) => x.zone === 'Europe/Berlin').map((x) => new Date(x.at).toISOString())).toEqual([
      '2025-03-30T01:00:00.000Z',
      '2025-10-26T01:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-10-31T01:00:00.000Z',
    ]);
    expect(transitions.filter((x) => x.zone === 'Asia/Kolkata')).toHaveLength(0);
  });

  const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  // A time of day within 90 minutes of the wall time at which the change happens: in, just before or after the
  // skipped or repeated hour.
  const nearChangeTime = (tr: { zone: string; at: number }, minutes: number): string => {
    const wall = new Date(oracleWall(tr.at, tr.zone) + minutes * MIN);
    return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
  };
  const nearChange = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -40 * HOUR, max: 40 * HOUR }), fc.oneof(hhmm.map((t) => ({ t })), fc.integer({ min: -90, max: 90 }).map((m) => ({ m }))))
    .map(([tr, shift, time]) => ({ zone: tr.zone, now: tr.at + shift, at: 't' in time ? time.t : nearChangeTime(tr, time.m) }));
  const anywhere = fc.tuple(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }), hhmm).map(([zone, now, at]) => ({ zone, now, at }));

  it('property: the next full run is the first instant the wall clock reaches HH:MM on some day (brute-force oracle)', () => {
    fc.assert(
      fc.property(fc.oneof(nearChange, nearChange, anywhere), ({ zone, now, at }) => {
        const got = nextFullAt(at, zone, new Date(now)).getTime();
        expect(got).toBeGreaterThan(now);
        expect(got - now).toBeLessThanOrEqual(DAY + 2 * HOUR + MIN);
        expect(new Date(got).toISOString()).toBe(new Date(oracleNextFull(at, zone, now)).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('property: walking the daily runs gives one run per local date, at HH:MM or (if skipped) the first instant after', () => {
    fc.assert(
      fc.property(fc.oneof(nearChange, anywhere), ({ zone, now, at }) => {
        const [h, m] = at.split(':').map(Number) as [number, number];
        let t = new Date(now);
        const dates = new Set<string>();
        for (let i = 0; i < 4; i++) {
          const next = nextFullAt(at, zone, t);
          expect(next.getTime()).toBeGreaterThan(t.getTime());
          const wall = new Date(oracleWall(next.getTime(), zone));
          const exact = wall.getUTCHours() === h && wall.getUTCMinutes() === m;
          if (!exact) {
            // Skipped time: the wall clock jumped over HH:MM at exactly this instant.
            const justBefore = new Date(oracleWall(next.getTime() - 1000, zone));
            const target = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), h, m);
            expect(justBefore.getTime()).toBeLessThan(target);
            expect(wall.getTime()).toBeGreaterThan(target);
          }
          dates.add(`${wall.getUTCFullYear()}-${wall.getUTCMonth()}-${wall.getUTCDate()}`);
          t = next;
        }
        // four runs on four different days (a repeated hour never runs twice)
        expect(dates.size).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 200 },
    );
  });
});

describe('nextRuns combines the jobs', () => {
  it('lists the next occurrence of each job, earliest first', () => {
    const s = schedule({ everyMinutes: 60, fullAt: '23:55', timeZone: 'Europe/Berlin', entityEvery: { device: 45 }, activatedAt: '2026-03-01T00:00:00Z' });
    const runs = nextRuns(s, new Date('2026-03-02T22:30:00Z'));
    expect(runs.map((r) => [iso(r.at), r.kind, r.mode])).toEqual([
      ['2026-03-02T22:55:00.000Z', 'full', 'full'],
      ['2026-03-02T23:00:00.000Z', 'interval', 'delta'],
      ['2026-03-02T23:15:00.000Z', 'entity', 'delta'],
    ]);
  });

  it('a schedule with no jobs never runs', () => {
    expect(nextRuns(schedule({}), new Date())).toEqual([]);
  });

  it('property: all runs are after now and sorted', () => {
    const arb = fc.record({
      everyMinutes: fc.option(fc.integer({ min: 5, max: 1440 })),
      fullAt: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)),
      timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata'),
      device: fc.option(fc.integer({ min: 5, max: 1440 })),
      activated: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
      delta: fc.integer({ min: 0, max: 200 * DAY }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const s = schedule({ everyMinutes: a.everyMinutes, fullAt: a.fullAt, timeZone: a.timeZone, entityEvery: a.device === null ? {} : { device: a.device }, activatedAt: new Date(a.activated).toISOString() });
        const now = new Date(a.activated + a.delta);
        const runs = nextRuns(s, now);
        expect(runs.length).toBe((a.everyMinutes !== null ? 1 : 0) + (a.fullAt !== null ? 1 : 0) + (a.device !== null ? 1 : 0));
        for (const r of runs) expect(r.at.getTime()).toBeGreaterThan(now.getTime());
        for (let i = 1; i < runs.length; i++) expect(runs[i]!.at.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.at.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('missed runs after sleep or restart', () => {
  const s = schedule({ everyMinutes: 15, fullAt: '23:55', timeZone: 'Europe/Berlin', activatedAt: '2026-03-01T00:00:00Z' });

  it('nothing missed when the last run was after the last due time', () => {
    expect(missedRun(s, new Date('2026-03-02T10:00:00.005Z'), new Date('2026-03-02T10:14:59Z'))).toBe(false);
    expect(missedTrigger(s, new Date('2026-03-02T10:00:00.005Z'), new Date('2026-03-02T10:14:59Z'))).toBeNull();
  });

  it('a run came due while down: one catch-up delta run', () => {
    expect(missedRun(s, new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T10:15:00Z'))).toBe(true);
    // Down for hours: still one run.
    expect(missedTrigger(s, new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T14:47:00Z'))).toEqual({ mode: 'delta', entities: null });
  });

  it('a missed full run makes the catch-up run full', () => {
    // 23:55 CET = 22:55Z was missed.
    expect(missedTrigger(s, new Date('2026-03-02T22:50:00Z'), new Date('2026-03-03T06:00:00Z'))).toEqual({ mode: 'full', entities: null });
  });

  it('entity-only jobs catch up only their entities', () => {
    const e = schedule({ entityEvery: { device: 45 }, activatedAt: '2026-03-01T00:00:00Z' });
    expect(missedTrigger(e, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T01:00:00Z'))).toEqual({ mode: 'delta', entities: ['device'] });
  });

  it('never ran: counted from the activation, and never before it', () => {
    expect(missedRun(s, null, new Date('2026-03-01T00:14:00Z'))).toBe(false);
    expect(missedRun(s, null, new Date('2026-03-01T00:15:00Z'))).toBe(true);
    // Re-activated pipeline: runs before the new activation do not count.
    const re = schedule({ everyMinutes: 15, activatedAt: '2026-03-05T12:00:00Z' });
    expect(missedRun(re, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-05T12:10:00Z'))).toBe(false);
    expect(missedRun(re, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-05T12:15:00Z'))).toBe(true);
  });

  it('property: missed iff an always-on host would have fired in (lastRun, now]', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 5, max: 1440 }), { nil: null }),
        fc.option(fc.constantFrom('02:30', '23:55', '00:00', '12:00'), { nil: null }),
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        (every, fullAt, lastOffset, down) => {
          const sch = schedule({ everyMinutes: every, fullAt, timeZone: 'Europe/Berlin', activatedAt: '2026-03-20T07:13:00Z' });
          const last = new Date(Date.parse(sch.activatedAt) + lastOffset);
          const now = new Date(last.getTime() + down);
          // simulate: fire every run one after the other from the last run on
          const fired: number[] = [];
          let t = last;
          for (let guard = 0; ; guard++) {
            const next = nextRuns(sch, t)[0];
            if (!next || next.at > now) break;
            expect(next.at.getTime()).toBeGreaterThan(t.getTime()); // progress, or the walk would never end
            expect(guard).toBeLessThan(2000);
            fired.push(next.at.getTime());
            t = next.at;
          }
          expect(missedRun(sch, last, now)).toBe(fired.length > 0);
          expect(dueRuns(sch, last, now).every((r) => r.at > last && r.at <= now)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

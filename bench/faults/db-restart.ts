import { performance } from 'node:perf_hooks';
import type { FaultContext, FaultScenario } from './types';
import { sleep, waitFor } from './wait';

export const dbRestartDefaults = {
  /** Loops of POST /db (each writes a visit) and of GET /breaker running through the restart. */
  writers: 2,
  readers: 2,
  /** Load before the restart, so every loop is warm and the breaker closed. */
  warmMs: 1_500,
  /** How long PostgreSQL stays down between stop and start. */
  downMs: 2_000,
  /** After the database is back: how long every breaker may take to close. */
  recoverTimeoutMs: 15_000,
  /** Breaker answers after the restart that must all be closed and from the database, per reader. */
  closedStreak: 3,
  pauseMs: 25,
  breakerResetMs: 1_000,
};

interface BreakerAnswer {
  readonly at: number;
  readonly status: number;
  readonly state: string;
  readonly fromFallback: boolean;
}

/**
 * A steady load of POST /db and GET /breaker while the embedded PostgreSQL is stopped and started
 * again on the same port and data. Expected: every breaker opens during the outage and closes after
 * it, no environment ends with reason crash, and every POST /db answered 2xx has its row in `visits`.
 *
 * Visits are counted per environment: each row carries the `instance_id` of the environment that
 * wrote it (functions/db/visits.ts), and so does each answer, so a 2xx answer without its row shows
 * up as an environment with fewer rows than 2xx answers.
 */
export const dbRestart: FaultScenario = {
  name: 'db-restart',
  summary: 'PostgreSQL stopped and started under a load of POST /db and GET /breaker',
  // A 1 s reset (default 10 s) lets each breaker try the database soon after it is back.
  envOverrides: [{ function: 'breaker', name: 'BREAKER_RESET_MS', value: String(dbRestartDefaults.breakerResetMs) }],
  async run(ctx: FaultContext) {
    const o = dbRestartDefaults;
    const t0 = performance.now();
    const since = (await ctx.sql<{ now: Date }>('SELECT now() AS now'))[0]?.now ?? new Date(0);
    const endedBefore = ctx.stack.runtime.endedEnvironments().length;
    const written = new Map<string, number>();
    const writeStatuses = new Map<number, number>();
    const breakerAnswers: BreakerAnswer[][] = Array.from({ length: o.readers }, () => []);
    let transportErrors = 0;
    let stop = false;

    const writer = async (): Promise<void> => {
      while (!stop) {
        try {
          const res = await ctx.http('POST', '/db');
          writeStatuses.set(res.status, (writeStatuses.get(res.status) ?? 0) + 1);
          const id = res.body.instanceId;
          if (res.status >= 200 && res.status < 300 && typeof id === 'string')
            written.set(id, (written.get(id) ?? 0) + 1);
        } catch {
          transportErrors += 1;
        }
        await sleep(o.pauseMs);
      }
    };
    const reader = async (answers: BreakerAnswer[]): Promise<void> => {
      while (!stop) {
        try {
          const res = await ctx.http('GET', '/breaker');
          answers.push({
            at: performance.now(),
            status: res.status,
            state: String(res.body.state ?? 'none'),
            fromFallback: res.body.fromFallback === true,
          });
        } catch {
          transportErrors += 1;
        }
        await sleep(o.pauseMs);
      }
    };
    const loops = [...Array.from({ length: o.writers }, writer), ...breakerAnswers.map((answers) => reader(answers))];

    let restartStarted = 0;
    let restartEnded = 0;
    let recovered = true;
    try {
      await sleep(o.warmMs);
      restartStarted = performance.now();
      await ctx.stack.faults.restartDatabase(o.downMs);
      restartEnded = performance.now();
      // Recovered: every reader's last answers came from the database through a closed breaker.
      await waitFor(
        'every breaker to close after the restart',
        () =>
          breakerAnswers.every((answers) => {
            const after = answers.filter((a) => a.at > restartEnded).slice(-o.closedStreak);
            return after.length === o.closedStreak && after.every((a) => a.state === 'closed' && !a.fromFallback);
          }),
        { timeoutMs: o.recoverTimeoutMs, pollMs: 100 },
      ).catch(() => {
        recovered = false;
      });
    } finally {
      stop = true;
      await Promise.all(loops);
    }

    // Each reader's breaker: the first answer that saw it open, and the first closed database answer after that.
    const openSpans = breakerAnswers.map((answers) => {
      const opened = answers.find((a) => a.at > restartStarted && a.state === 'open');
      const closed = opened && answers.find((a) => a.at > opened.at && a.state === 'closed' && !a.fromFallback);
      return { opened: opened !== undefined, openMs: opened && closed ? closed.at - opened.at : undefined };
    });
    const everyOpened = openSpans.every((s) => s.opened);
    const openMs = Math.max(...openSpans.map((s) => s.openMs ?? 0));

    const rows = await ctx.sql<{ instance_id: string; n: number }>(
      'SELECT instance_id, count(*)::int AS n FROM visits WHERE visited_at >= $1 GROUP BY instance_id',
      [since],
    );
    const stored = new Map(rows.map((r) => [r.instance_id, r.n]));
    let lost = 0;
    for (const [id, n] of written) lost += Math.max(0, n - (stored.get(id) ?? 0));
    const ok = [...written.values()].reduce((a, b) => a + b, 0);
    const storedTotal = [...stored.values()].reduce((a, b) => a + b, 0);
    const crashes = ctx.stack.runtime
      .endedEnvironments()
      .slice(endedBefore)
      .filter((e) => e.endReason === 'crash' || e.endReason === 'out-of-memory').length;
    const failedWrites = [...writeStatuses].filter(([s]) => s < 200 || s >= 300);
    const breakerFallbacks = breakerAnswers.flat().filter((a) => a.fromFallback).length;

    const pass = everyOpened && recovered && crashes === 0 && lost === 0 && ok > 0 && transportErrors === 0;
    return {
      expected: 'every breaker opens and closes again, 0 crashed environments, 0 lost visits, 0 socket errors',
      seen:
        `breakers opened ${openSpans.filter((s) => s.opened).length}/${o.readers}, ${recovered ? 'closed' : 'NOT closed'} ` +
        `(open at most ${Math.round(openMs)} ms); database down ${Math.round(restartEnded - restartStarted)} ms; ` +
        `${crashes} crashed; ${ok} visits answered 2xx, ${lost} lost (${storedTotal} rows); ` +
        `${failedWrites.map(([s, n]) => `${n}x ${s}`).join(', ') || 'no'} failed writes; ${transportErrors} socket errors`,
      pass,
      figures: {
        databaseDownMs: Math.round(restartEnded - restartStarted),
        breakersOpened: openSpans.filter((s) => s.opened).length,
        breakers: o.readers,
        breakerClosed: recovered,
        breakerOpenMs: Math.round(openMs),
        breakerFallbacks,
        crashes,
        visitsOk: ok,
        visitsStored: storedTotal,
        visitsLost: lost,
        writesFailed: failedWrites.reduce((a, [, n]) => a + n, 0),
        transportErrors,
        scenarioMs: Math.round(performance.now() - t0),
      },
    };
  },
};

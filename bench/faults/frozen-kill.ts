import type { FaultContext, FaultScenario, HttpAnswer } from './types';
import { sleep, waitFor } from './wait';

export const frozenKillDefaults = {
  /** Environments warmed per function (that many calls at once). */
  environments: 3,
  freezeTimeoutMs: 5_000,
  /** After the kill, so the server has closed every socket before the environments thaw. */
  settleMs: 300,
};

const routes = [
  { fn: 'db', method: 'POST', path: '/db' },
  { fn: 'breaker', method: 'GET', path: '/breaker' },
] as const;

/** An answer that is not what a healthy call gives: not 2xx, or the breaker answering from its fallback. */
function problem(route: (typeof routes)[number], res: HttpAnswer): string | undefined {
  if (res.status < 200 || res.status >= 300)
    return `${route.method} ${route.path} ${res.status} ${res.text.slice(0, 80)}`;
  if (route.fn === 'breaker' && res.body.fromFallback === true) return `GET /breaker from the fallback`;
  return undefined;
}

/**
 * Warms several db and breaker environments (each holds a pooled connection), waits until all are
 * frozen, kills every other session of the database from the server side (pg_terminate_backend), and
 * calls each environment again. Expected: 0 errors. The environments thaw to a dead socket; the kit's
 * pool absorbs it (the pool's error listener, validation after idle, one retry of an idempotent statement).
 */
export const frozenKill: FaultScenario = {
  name: 'frozen-kill',
  summary: 'database sessions killed server-side while their environments are frozen',
  async run(ctx: FaultContext) {
    const o = frozenKillDefaults;
    const names = routes.map((r) => ctx.functionName(r.fn));
    const callAll = (): Promise<Array<{ route: (typeof routes)[number]; res: HttpAnswer | Error }>> =>
      Promise.all(
        routes.flatMap((route) =>
          Array.from({ length: o.environments }, async () => ({
            route,
            res: await ctx.http(route.method, route.path).catch((err: unknown) => err as Error),
          })),
        ),
      );
    const describe = (r: { route: (typeof routes)[number]; res: HttpAnswer | Error }): string | undefined =>
      r.res instanceof Error ? `${r.route.method} ${r.route.path} ${r.res.message}` : problem(r.route, r.res);

    let warm = await callAll();
    // A cold start that loses the breaker's 3 s race on a loaded machine answers from the fallback, with no
    // pooled connection to kill: warm once more, and count what is still wrong.
    if (warm.some((w) => describe(w) !== undefined)) warm = await callAll();
    const warmProblems = warm.map(describe).filter((p) => p !== undefined);
    await waitFor(
      'every db and breaker environment to freeze',
      () =>
        ctx.stack.runtime
          .environments()
          .filter((e) => names.includes(e.function))
          .every((e) => e.state === 'frozen'),
      { timeoutMs: o.freezeTimeoutMs },
    );
    const killed = await ctx.sql<{ pid: number }>(
      // In the select list, so it runs only on the rows WHERE kept (an AND in WHERE has no evaluation order).
      'SELECT pid, pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [ctx.stack.database.database],
    );
    await sleep(o.settleMs);

    const after = await callAll();
    const problems = after.map(describe).filter((p) => p !== undefined);
    // The pool's counters are per environment since it started: what this kill added is after minus warm.
    const poolOf = (r: { res: HttpAnswer | Error }): [string, Record<string, number>] | undefined => {
      if (r.res instanceof Error) return undefined;
      const { instanceId, pool } = r.res.body;
      return typeof instanceId === 'string' && pool !== null && typeof pool === 'object'
        ? [instanceId, pool as Record<string, number>]
        : undefined;
    };
    const before = new Map(warm.map(poolOf).filter((p) => p !== undefined));
    const added = (counter: string): number =>
      after
        .map(poolOf)
        .filter((p) => p !== undefined)
        .reduce((sum, [id, pool]) => sum + (pool[counter] ?? 0) - (before.get(id)?.[counter] ?? 0), 0);
    const retries = added('retries');
    const discarded = added('discarded');
    const idleErrors = added('idleErrors');
    const calls = after.length;
    const pass = warmProblems.length === 0 && killed.length > 0 && problems.length === 0;
    return {
      expected: `${calls} calls after the kill, 0 errors`,
      seen:
        `${killed.length} sessions killed while frozen; ${calls - problems.length}/${calls} calls ok, ${problems.length} errors` +
        `${problems.length > 0 ? ` (${problems.slice(0, 3).join('; ')})` : ''}` +
        `${warmProblems.length > 0 ? `; warm-up failed: ${warmProblems.slice(0, 2).join('; ')}` : ''}` +
        `; db pools: ${idleErrors} idle errors, ${retries} retries, ${discarded} discarded`,
      pass,
      figures: {
        calls,
        sessionsKilled: killed.length,
        errors: problems.length,
        warmupErrors: warmProblems.length,
        dbPoolIdleErrors: idleErrors,
        dbPoolRetries: retries,
        dbPoolDiscarded: discarded,
      },
    };
  },
};

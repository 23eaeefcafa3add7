import { performance } from 'node:perf_hooks';
import { forceColdStart } from '../measure';
import type { FaultContext, FaultScenario } from './types';
import { sleep } from './wait';

export const ssmDownDefaults = {
  /** CONFIG_TTL_MS of the config function for the suite: short, so the stale path really runs. */
  ttlMs: 1_000,
  /** The kit's code for "no configuration and no copy in memory" (functions/kit/errors.ts). */
  unavailableCode: 'ECONFIGUNAVAILABLE',
};

/**
 * Warms GET /config, stops the local SSM, waits past the config's TTL and calls again: the warm
 * environment answers from memory (stale-while-revalidate, stale-if-error). Then forces a cold start
 * the way public benchmarks do (UpdateFunctionConfiguration with a new variable, through the Invoke
 * API) and calls once more: with no SSM and no copy in memory the answer is a clear 503 with the kit's
 * code. SSM stays stopped, so this scenario runs last.
 */
export const ssmDown: FaultScenario = {
  name: 'ssm-down',
  summary: 'local SSM stopped: a warm environment serves its stale config, a cold start answers 503',
  envOverrides: [{ function: 'config', name: 'CONFIG_TTL_MS', value: String(ssmDownDefaults.ttlMs) }],
  async run(ctx: FaultContext) {
    const o = ssmDownDefaults;
    const warm = await ctx.http('GET', '/config');
    await ctx.stack.faults.stopSsm();
    await sleep(o.ttlMs + 500);
    const stale = await ctx.http('GET', '/config');
    // The stale answer started a background refresh, which fails; the copy in memory is still served.
    await sleep(200);
    const again = await ctx.http('GET', '/config');
    const staleServed =
      warm.status === 200 &&
      stale.status === 200 &&
      again.status === 200 &&
      stale.body.instanceId === warm.body.instanceId &&
      stale.body.loadedAt === warm.body.loadedAt &&
      again.body.loadedAt === warm.body.loadedAt &&
      Number(stale.body.ageMs) > o.ttlMs;

    await forceColdStart(ctx.lambda, ctx.functionName('config'), { variable: 'FAULTS_COLD' });
    const coldStarted = performance.now();
    const cold = await ctx.http('GET', '/config');
    const coldMs = performance.now() - coldStarted;
    const coldCode = String(cold.body.code ?? '');
    const clear503 =
      cold.status === 503 && coldCode === o.unavailableCode && cold.body.instanceId !== warm.body.instanceId;

    // ssmCallsTotal: every SSM call this environment made since INIT (functions/config/view.ts).
    const failedRefreshes = Number(again.body.ssmCallsTotal) - Number(warm.body.ssmCallsTotal);
    return {
      expected: `warm: 200 from memory past the ${o.ttlMs} ms TTL; cold start: 503 ${o.unavailableCode}`,
      seen:
        `warm: ${stale.status} then ${again.status}, ${staleServed ? 'same' : 'NOT the same'} copy, ` +
        `${Number(again.body.ageMs)} ms old, ${failedRefreshes} failed refreshes; ` +
        `cold start: ${cold.status} ${coldCode || cold.text.slice(0, 80)} after ${Math.round(coldMs)} ms`,
      pass: staleServed && clear503,
      figures: {
        ttlMs: o.ttlMs,
        staleServed,
        staleAgeMs: Number(again.body.ageMs),
        failedRefreshes,
        coldStatus: cold.status,
        coldCode,
        coldMs: Math.round(coldMs),
      },
    };
  },
};

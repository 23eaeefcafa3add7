import { Agent } from 'node:http';
import {
  DeleteFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { httpApiEvent } from '../measure';
import type { FaultContext, FaultScenario } from './types';

export const burstDefaults = {
  requests: 200,
  reservedConcurrency: 50,
  /**
   * How long each busy environment holds its invoke: the breaker's timeout, which the hang fault outlives.
   * Well past the 1.1-3.4 s the 200 took to arrive on a loaded 2-core machine, and below the 10 s function timeout.
   */
  holdMs: 7_000,
  /** Rounds of warm-up allowed to bring the function to `reservedConcurrency` environments. */
  warmRounds: 3,
};

/** How each of a batch of invokes ended. */
interface Batch {
  ok: number;
  throttles: number;
  answered: number;
  instanceIds: Set<string>;
  errors: string[];
}

/**
 * Sends `count` invokes at once through `client` and sorts the outcomes. Throttles are the Invoke
 * API's own 429 TooManyRequestsException; anything else that is not a 200 without a function error
 * is an error.
 */
async function invokeAtOnce(client: LambdaClient, fn: string, payload: Uint8Array, count: number): Promise<Batch> {
  const batch: Batch = { ok: 0, throttles: 0, answered: 0, instanceIds: new Set(), errors: [] };
  await Promise.all(
    Array.from({ length: count }, async () => {
      try {
        const out = await client.send(new InvokeCommand({ FunctionName: fn, Payload: payload }));
        batch.answered += 1;
        const text = Buffer.from(out.Payload ?? []).toString('utf8');
        const result = JSON.parse(text) as { body?: string; errorType?: string };
        const body = JSON.parse(result.body ?? '{}') as { instanceId?: unknown };
        if (out.StatusCode === 200 && !out.FunctionError && typeof body.instanceId === 'string') {
          batch.ok += 1;
          batch.instanceIds.add(body.instanceId);
        } else
          batch.errors.push(`status ${out.StatusCode} ${out.FunctionError ?? ''} ${result.errorType ?? ''}`.trim());
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; message?: string };
        if (e.$metadata?.httpStatusCode !== undefined) batch.answered += 1;
        if (e.name === 'TooManyRequestsException' && e.$metadata?.httpStatusCode === 429) batch.throttles += 1;
        else batch.errors.push(`${e.name ?? 'Error'}: ${e.message ?? String(err)}`);
      }
    }),
  );
  return batch;
}

/**
 * 200 invokes at once against a reserved concurrency of 50.
 *
 * How the 50 are kept busy while all 200 arrive:
 * - The function is the breaker with `?fault=hang`: the hang outlives the breaker's timeout (set to
 *   `holdMs` for this suite), so each invoke holds its environment that long and then answers from the
 *   fallback. `hello` answers in a millisecond, and the runtime would serve some of the 200 one after
 *   the other and throttle fewer. The demo functions stay as they are.
 * - The 50 environments are warmed first (the same hang, 50 at once). 50 INITs on a shared 2-core
 *   machine can take longer than the hold, and would stretch the burst's arrival past it; warm, the
 *   burst measures the counting service alone, as Lambda's own throttling is independent of INIT.
 * - Through the Invoke API, not the HTTP API: a throttled Lambda integration of an HTTP API answers
 *   500 `{"message":"Internal Server Error"}`, the same answer as a function error (Lambda's guide,
 *   "Handling Lambda errors with an API Gateway API"; see local/http-api/response.ts), so it cannot be
 *   counted apart. The Invoke API answers Lambda's 429 TooManyRequestsException, Reason
 *   ReservedFunctionConcurrentInvocationLimitExceeded.
 * - The SDK's default agent holds at most 50 sockets per host and would queue the other 150 in the
 *   client; this client's agent has room for all 200, and `maxAttempts: 1` so no throttle is retried.
 */
export const burst: FaultScenario = {
  name: 'burst',
  summary: `${burstDefaults.requests} invokes at once against reserved concurrency ${burstDefaults.reservedConcurrency}`,
  envOverrides: [{ function: 'breaker', name: 'BREAKER_TIMEOUT_MS', value: String(burstDefaults.holdMs) }],
  async run(ctx: FaultContext) {
    const { requests, reservedConcurrency, warmRounds } = burstDefaults;
    const fn = ctx.functionName('breaker');
    const declared = ctx.stack.endpoints.find((e) => e.functionName === fn)?.reservedConcurrency;
    const alive = (): number => ctx.stack.runtime.environments().filter((e) => e.function === fn).length;
    await ctx.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: reservedConcurrency }),
    );
    const agent = new Agent({ keepAlive: true, maxSockets: requests + 10 });
    const client = new LambdaClient({
      endpoint: ctx.stack.urls.lambda,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: { httpAgent: agent, requestTimeout: 30_000 },
    });
    const event = {
      ...httpApiEvent({ method: 'GET', path: '/breaker' }),
      rawQueryString: 'fault=hang',
      queryStringParameters: { fault: 'hang' },
    };
    const payload = Buffer.from(JSON.stringify(event));

    // What the runtime itself saw during the burst: environments created, invocations run, throttles answered,
    // and when the last invoke reached it.
    const server = { created: 0, invocations: 0, throttles: 0, lastArrival: 0 };
    const onEnvironment = (e: { type: string; environment: { function: string; state: string } }): void => {
      if (e.environment.function !== fn) return;
      if (e.type === 'created') server.created += 1;
      if (e.type === 'created' || e.environment.state === 'busy') server.lastArrival = Date.now();
    };
    const onInvocation = (e: { functionName: string }): void => {
      if (e.functionName === fn) server.invocations += 1;
    };
    const onThrottle = (e: { functionName: string }): void => {
      if (e.functionName !== fn) return;
      server.throttles += 1;
      server.lastArrival = Date.now();
    };

    let warmed = 0;
    let burstMs = 0;
    let arrivalMs = 0;
    let result: Batch;
    try {
      for (let round = 0; round < warmRounds && alive() < reservedConcurrency; round += 1) {
        await invokeAtOnce(client, fn, payload, reservedConcurrency);
      }
      warmed = alive();
      ctx.stack.runtime.on('environment', onEnvironment);
      ctx.stack.runtime.on('invocation', onInvocation);
      ctx.stack.runtime.on('throttle', onThrottle);
      const started = Date.now();
      result = await invokeAtOnce(client, fn, payload, requests);
      burstMs = Date.now() - started;
      arrivalMs = server.lastArrival - started;
    } finally {
      ctx.stack.runtime.off('environment', onEnvironment);
      ctx.stack.runtime.off('invocation', onInvocation);
      ctx.stack.runtime.off('throttle', onThrottle);
      client.destroy();
      agent.destroy();
      // Back to the stack's own reservation, so the next scenarios see the function as declared.
      if (declared === undefined) await ctx.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn }));
      else
        await ctx.lambda.send(
          new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: declared }),
        );
    }
    const { ok, throttles, answered, instanceIds, errors } = result;
    const throttleExpected = requests - reservedConcurrency;
    const environments = alive();
    const pass =
      warmed === reservedConcurrency &&
      instanceIds.size === reservedConcurrency &&
      environments === reservedConcurrency &&
      server.created === 0 &&
      ok === reservedConcurrency &&
      throttles === throttleExpected &&
      answered === requests &&
      errors.length === 0 &&
      server.invocations === reservedConcurrency &&
      server.throttles === throttleExpected;
    return {
      expected: `${reservedConcurrency} environments, ${throttleExpected} throttles (429), ${requests} answered once, 0 errors`,
      seen:
        `${instanceIds.size} environments served (${environments} alive, ${warmed} warmed, ${server.created} created ` +
        `in the burst), ${throttles} throttles (runtime: ${server.throttles}), ${answered} answered ` +
        `(${ok} ok + ${throttles} throttled; runtime ran ${server.invocations}), ${errors.length} errors` +
        `${errors.length > 0 ? ` (${[...new Set(errors)].slice(0, 3).join('; ')})` : ''}; all arrived within ` +
        `${arrivalMs} ms, answered within ${burstMs} ms`,
      pass,
      figures: {
        requests,
        reservedConcurrency,
        environments: instanceIds.size,
        environmentsAlive: environments,
        environmentsWarmed: warmed,
        environmentsCreatedInBurst: server.created,
        ok,
        throttles,
        answered,
        errors: errors.length,
        runtimeInvocations: server.invocations,
        runtimeThrottles: server.throttles,
        arrivalMs,
        burstMs,
      },
    };
  },
};

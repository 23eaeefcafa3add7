import { httpApiEvent, httpSample, invokeSample } from '../measure';
import { type FunctionUnderTest, inPool, type Sample, type ScenarioContext } from './context';

/**
 * Drops samples that ran INIT from a warm run: a warm figure must not hide a cold start. The count is
 * written to the notes so nothing disappears silently.
 */
function keepWarm(ctx: ScenarioContext, fut: FunctionUnderTest, label: string, samples: Sample[]): Sample[] {
  const warm = samples.filter((s) => !s.coldStart);
  const dropped = samples.length - warm.length;
  if (dropped > 0)
    ctx.notes.push(
      `${fut.shortName}: ${dropped} invocation(s) of the ${label} run started a new environment and were discarded.`,
    );
  return warm;
}

/**
 * W warm-up invocations (discarded), then M sequential warm invocations through Invoke with LogType Tail.
 *
 * @example
 * const samples = await warmSequential(ctx, fut); // phase 'warm'
 */
export async function warmSequential(ctx: ScenarioContext, fut: FunctionUnderTest): Promise<Sample[]> {
  const { warm, warmup } = ctx.options;
  ctx.progress.stage(`${fut.shortName} · ${warm} warm (sequential, ${warmup} warm-up discarded)`, warm + warmup);
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + warm; i += 1) {
    const sample = await invokeSample(ctx.target.lambda, fut.functionName, httpApiEvent(fut.route), 'warm');
    ctx.instances.observe(fut.shortName, sample);
    if (i >= warmup) samples.push(sample);
    ctx.progress.tick();
  }
  return keepWarm(ctx, fut, 'sequential warm', samples);
}

/**
 * M warm invocations at concurrency C. First C concurrent warm-ups (discarded) so that C environments
 * exist; otherwise the first wave would be cold starts counted as warm.
 *
 * @example
 * const samples = await warmConcurrent(ctx, fut); // phase 'warm-concurrent'
 */
export async function warmConcurrent(ctx: ScenarioContext, fut: FunctionUnderTest): Promise<Sample[]> {
  const { warm, concurrency, warmup } = ctx.options;
  const warmups = Math.max(concurrency, warmup);
  ctx.progress.stage(
    `${fut.shortName} · ${warm} warm at concurrency ${concurrency} (${warmups} warm-up discarded)`,
    warm + warmups,
  );
  const invoke = async (): Promise<Sample> => {
    const sample = await invokeSample(ctx.target.lambda, fut.functionName, httpApiEvent(fut.route), 'warm-concurrent');
    ctx.instances.observe(fut.shortName, sample);
    ctx.progress.tick();
    return sample;
  };
  await inPool(warmups, concurrency, invoke);
  const samples = await inPool(warm, concurrency, invoke);
  return keepWarm(ctx, fut, 'concurrent warm', samples);
}

/**
 * W warm-ups (discarded), then M sequential requests through the HTTP API: the latency a client of the
 * API sees on a warm environment (event mapping and the API hop included). Server figures are null on
 * this path; the Invoke samples of phase `warm` carry them.
 *
 * @example
 * const samples = await warmThroughApi(ctx, fut); // phase 'warm-http'
 */
export async function warmThroughApi(ctx: ScenarioContext, fut: FunctionUnderTest): Promise<Sample[]> {
  const { warm, warmup } = ctx.options;
  ctx.progress.stage(
    `${fut.shortName} · ${warm} warm through the HTTP API (${warmup} warm-up discarded)`,
    warm + warmup,
  );
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + warm; i += 1) {
    const { bodyColdStart: _bodyColdStart, ...sample } = await httpSample(
      ctx.target.apiBaseUrl,
      fut.route,
      'warm-http',
      ctx.options.requestTimeoutMs,
    );
    ctx.instances.observe(fut.shortName, sample);
    if (i >= warmup) samples.push(sample);
    ctx.progress.tick();
  }
  return keepWarm(ctx, fut, 'HTTP API warm', samples);
}

import { forceColdStart, httpSample } from '../measure';
import { type BurstResult, isAnswered } from '../schema';
import type { FunctionUnderTest, Sample, ScenarioContext } from './context';

/**
 * A burst from zero to C: force a cold start (no environment left), then fire C requests at once
 * through the HTTP API. Environments created = distinct instance ids in the answers (cross-checked with
 * the local runtime's `/_local/environments` where it exists); cold starts seen = callers whose answer
 * says `coldStart: true`, or, for functions that do not say it, the first answer of each new environment.
 *
 * @example
 * const { samples, burst } = await burstFromZero(ctx, fut);
 * burst.environmentsCreated; // ≤ C
 */
export async function burstFromZero(
  ctx: ScenarioContext,
  fut: FunctionUnderTest,
): Promise<{ samples: Sample[]; burst: Omit<BurstResult, 'clientMs'> }> {
  const c = ctx.options.concurrency;
  ctx.progress.stage(`${fut.shortName} · burst of ${c} from zero`, c);
  await forceColdStart(ctx.target.lambda, fut.functionName, ctx.target.coldStart);
  ctx.instances.retire(fut.shortName, Date.now());
  const before = (await ctx.target.environmentCount?.(fut.shortName)) ?? 0;
  const startedAtMs = Date.now();
  const answers = await Promise.all(
    Array.from({ length: c }, async () => {
      const s = await httpSample(ctx.target.apiBaseUrl, fut.route, 'burst', ctx.options.requestTimeoutMs);
      ctx.progress.tick();
      return s;
    }),
  );

  const firstOfInstance = new Set<(typeof answers)[number]>();
  const byEnd = [...answers].sort((a, b) => a.startedAtMs + (a.clientMs ?? 0) - (b.startedAtMs + (b.clientMs ?? 0)));
  const seen = new Set<string>();
  for (const a of byEnd) {
    if (a.instanceId === null || seen.has(a.instanceId) || ctx.instances.has(a.instanceId)) continue;
    seen.add(a.instanceId);
    firstOfInstance.add(a);
  }
  const samples: Sample[] = answers.map((answer) => {
    const { bodyColdStart, ...sample } = answer;
    return { ...sample, coldStart: bodyColdStart ?? firstOfInstance.has(answer) };
  });
  for (const s of samples) ctx.instances.observe(fut.shortName, s);

  const after = await ctx.target.environmentCount?.(fut.shortName);
  const createdFromAnswers = seen.size;
  if (after !== undefined && after - before !== createdFromAnswers) {
    ctx.notes.push(
      `${fut.shortName} burst: ${createdFromAnswers} environment(s) answered; the local runtime lists ${after - before} new.`,
    );
  }
  return {
    samples,
    burst: {
      function: fut.shortName,
      concurrency: c,
      startedAtMs,
      requests: c,
      environmentsBefore: before,
      environmentsCreated: createdFromAnswers,
      coldStartsSeen: samples.filter((s) => isAnswered(s) && s.coldStart).length,
      throttled: samples.filter((s) => s.statusCode === 429).length,
      errors: samples.filter((s) => !isAnswered(s) && s.statusCode !== 429).length,
    },
  };
}

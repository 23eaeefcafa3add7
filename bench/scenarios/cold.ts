import { forceColdStart, httpApiEvent, invokeSample } from '../measure';
import type { FunctionUnderTest, Sample, ScenarioContext } from './context';

/**
 * N forced cold starts: each one updates the function's configuration (which retires its environments),
 * waits for the update, then invokes once with LogType Tail. The sample's Init Duration is INIT's cost.
 *
 * @example
 * const samples = await coldStarts(ctx, fut); // ctx.options.cold samples of phase 'cold'
 */
export async function coldStarts(ctx: ScenarioContext, fut: FunctionUnderTest): Promise<Sample[]> {
  const samples: Sample[] = [];
  ctx.progress.stage(`${fut.shortName} · ${ctx.options.cold} cold starts`, ctx.options.cold);
  for (let i = 0; i < ctx.options.cold; i += 1) {
    await forceColdStart(ctx.target.lambda, fut.functionName, ctx.target.coldStart);
    ctx.instances.retire(fut.shortName, Date.now());
    const sample = await invokeSample(ctx.target.lambda, fut.functionName, httpApiEvent(fut.route), 'cold');
    ctx.instances.observe(fut.shortName, sample);
    samples.push(sample);
    ctx.progress.tick();
  }
  const notCold = samples.filter((s) => !s.coldStart).length;
  if (notCold > 0) {
    ctx.notes.push(
      `${fut.shortName}: ${notCold} of ${samples.length} forced cold starts reported no Init Duration (kept as measured).`,
    );
  }
  return samples;
}

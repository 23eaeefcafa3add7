import type { ReportLine } from '../log-tail';
import type { Metric, Phase, Sample } from './types';

export interface SampleInput {
  readonly phase: Phase;
  readonly startedAtMs: number;
  /** Latency the benchmark measured around the request; null when not measured. */
  readonly clientMs: number | null;
  /** The parsed REPORT line, or null when the path gives none (HTTP through the API on AWS). */
  readonly report: ReportLine | null;
  readonly instanceId: string | null;
  readonly statusCode: number;
}

/**
 * One results-file sample from what the runner saw for an invocation. Without a REPORT line the server-side
 * fields are null and `coldStart` is false, which the runner may override from another signal (e.g. the
 * instance id changing) by spreading the result.
 *
 * @example
 * const t0 = Date.now(); const start = performance.now();
 * const out = await lambda.send(new InvokeCommand({ FunctionName, LogType: 'Tail' }));
 * const sample = toSample({ phase: 'cold', startedAtMs: t0, clientMs: performance.now() - start,
 *   report: parseReportFromLogResult(out.LogResult), instanceId, statusCode: out.StatusCode ?? 0 });
 */
export function toSample(input: SampleInput): Sample {
  const r = input.report;
  return {
    phase: input.phase,
    startedAtMs: input.startedAtMs,
    clientMs: input.clientMs,
    durationMs: r ? r.durationMs : null,
    initDurationMs: r ? r.initDurationMs : null,
    maxMemoryUsedMb: r ? r.maxMemoryUsedMb : null,
    coldStart: r ? r.coldStart : false,
    instanceId: input.instanceId,
    statusCode: r && r.status !== 'success' && input.statusCode === 200 ? 500 : input.statusCode,
  };
}

/**
 * Whether a request was answered (2xx). Only answered requests enter the statistics: a 429 or a 500
 * returns early and would make the latency look better than it is. Errors stay in `samples` and in the
 * burst counts, so they remain visible.
 *
 * @example
 * samples.filter((s) => !isAnswered(s) && s.statusCode !== 429).length; // errors other than throttles
 */
export const isAnswered = (sample: Sample): boolean => sample.statusCode >= 200 && sample.statusCode < 300;

/**
 * One metric's measured values over the answered samples of a phase: what summaries, ratios and charts are drawn from.
 *
 * @example
 * answeredValues(fn.samples, 'warm', 'durationMs'); // e.g. [1.7, 1.6, 1.9]
 */
export function answeredValues(samples: readonly Sample[], phase: Phase, metric: Metric): number[] {
  return samples
    .filter((s) => s.phase === phase && isAnswered(s))
    .map((s) => s[metric])
    .filter((v): v is number => v !== null);
}

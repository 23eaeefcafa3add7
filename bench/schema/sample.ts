import type { ReportLine } from '../log-tail';
import type { Phase, Sample } from './types';

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

import { performance } from 'node:perf_hooks';
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import { type Phase, type Sample, toSample } from '../schema';
import { BenchInvocationError } from './errors';
import { readReport } from './report-record';

/** What a function's JSON body tells about the environment that served it. */
export interface BodyFacts {
  readonly instanceId: string | null;
  /** Only the hello function says it; null when the body does not. */
  readonly coldStart: boolean | null;
}

/** Pulls `instanceId` and `coldStart` out of a JSON body; nulls for anything else. */
export function bodyFacts(body: string | undefined): BodyFacts {
  try {
    const parsed = JSON.parse(body ?? '') as { instanceId?: unknown; coldStart?: unknown };
    return {
      instanceId: typeof parsed.instanceId === 'string' ? parsed.instanceId : null,
      coldStart: typeof parsed.coldStart === 'boolean' ? parsed.coldStart : null,
    };
  } catch {
    return { instanceId: null, coldStart: null };
  }
}

/**
 * Invokes a function directly (RequestResponse, LogType Tail) and returns one sample: the Invoke round
 * trip as the SDK client sees it, and Duration, Init Duration and Max Memory Used from the REPORT.
 * The status code is the proxy result's statusCode, or 500 for a function error or a REPORT whose status is not
 * success (what the HTTP API would answer); see toSample.
 *
 * @throws BenchInvocationError when the invoke fails or its tail has no REPORT.
 * @example
 * const s = await invokeSample(lambda, 'lambda-reuse-lab-dev-hello', httpApiEvent({ method: 'GET', path: '/hello' }), 'warm');
 * s.durationMs; // e.g. 1.7
 */
export async function invokeSample(
  lambda: LambdaClient,
  functionName: string,
  event: unknown,
  phase: Phase,
): Promise<Sample> {
  const startedAtMs = Date.now();
  const started = performance.now();
  let out: InvokeCommandOutput;
  try {
    out = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        LogType: 'Tail',
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
  } catch (error) {
    throw new BenchInvocationError(
      `invoke ${functionName} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const clientMs = performance.now() - started;
  let report: ReturnType<typeof readReport>;
  try {
    report = readReport(Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'));
  } catch (error) {
    throw new BenchInvocationError(
      `invoke ${functionName}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  let statusCode = 500;
  let body: string | undefined;
  if (!out.FunctionError) {
    try {
      const result = JSON.parse(text) as { statusCode?: unknown; body?: unknown };
      statusCode = typeof result.statusCode === 'number' ? result.statusCode : 200;
      body = typeof result.body === 'string' ? result.body : text;
    } catch {
      statusCode = 502;
    }
  }
  return toSample({ phase, startedAtMs, clientMs, report, instanceId: bodyFacts(body).instanceId, statusCode });
}

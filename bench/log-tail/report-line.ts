import { ReportLineMalformedError, ReportLineNotFoundError } from './errors';

/** The numbers Lambda writes on an invocation's REPORT line. */
export interface ReportLine {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present on cold starts only; `null` on a warm invocation. */
  readonly initDurationMs: number | null;
  /** True when the line carries an Init Duration, i.e. this invocation paid for INIT. */
  readonly coldStart: boolean;
  /** `success` when the line has no Status field; otherwise Lambda's value, e.g. `timeout` or `error`. */
  readonly status: 'success' | 'timeout' | 'error' | (string & {});
  /** The `Error Type` field, e.g. `Runtime.ExitError`; null when absent. */
  readonly errorType: string | null;
}

const REPORT_PREFIX = /^REPORT RequestId: /;

/**
 * Parses the REPORT line of one invocation out of a log tail.
 *
 * The tail is the last 4 KB of the invocation's log, so its first line may be cut anywhere, even inside an
 * earlier REPORT line; only lines that start with `REPORT RequestId:` count, and the invocation's own
 * REPORT is the last one (an XRAY line may follow it). `INIT_REPORT` lines are not REPORT lines.
 * Fields are separated by a tab (CloudWatch, the local runtime) or by two or more spaces (as copied from
 * the console); both are accepted.
 *
 * @param text the decoded log text (see {@link parseReportFromLogResult} for the base64 header value).
 * @param requestId when given, the REPORT line of that request is returned instead of the last one.
 * @throws ReportLineNotFoundError when there is no such line; ReportLineMalformedError when a required
 *   field (Duration, Billed Duration, Memory Size, Max Memory Used) is missing or not a number.
 * @example
 * parseReportLine('REPORT RequestId: 1f0c\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB');
 * // { requestId: '1f0c', durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 128, maxMemoryUsedMb: 67,
 * //   initDurationMs: null, coldStart: false, status: 'success', errorType: null }
 */
export function parseReportLine(text: string, requestId?: string): ReportLine {
  const lines = text.split(/\r?\n/).filter((line) => REPORT_PREFIX.test(line));
  const wanted =
    requestId === undefined ? lines : lines.filter((line) => fieldsOf(line).get('RequestId') === requestId);
  const line = wanted[wanted.length - 1];
  if (line === undefined) {
    throw new ReportLineNotFoundError(
      requestId === undefined
        ? 'no REPORT line in the log tail (was the function invoked with LogType Tail?)'
        : `no REPORT line for request ${requestId} in the log tail`,
    );
  }
  const fields = fieldsOf(line);
  const initDurationMs = optionalNumber(fields, 'Init Duration', 'ms');
  return {
    requestId: required(fields, 'RequestId'),
    durationMs: requiredNumber(fields, 'Duration', 'ms'),
    billedDurationMs: requiredNumber(fields, 'Billed Duration', 'ms'),
    memorySizeMb: requiredNumber(fields, 'Memory Size', 'MB'),
    maxMemoryUsedMb: requiredNumber(fields, 'Max Memory Used', 'MB'),
    initDurationMs,
    coldStart: initDurationMs !== null,
    status: fields.get('Status') ?? 'success',
    errorType: fields.get('Error Type') ?? null,
  };
}

/**
 * Decodes an Invoke response's `LogResult` (the base64 `X-Amz-Log-Result` header) and parses its REPORT line.
 *
 * @throws ReportLineNotFoundError when `logResult` is missing (the invoke did not ask for LogType Tail)
 *   or holds no REPORT line; ReportLineMalformedError as {@link parseReportLine}.
 * @example
 * const out = await lambda.send(new InvokeCommand({ FunctionName, LogType: 'Tail', Payload }));
 * const report = parseReportFromLogResult(out.LogResult);
 * report.initDurationMs; // e.g. 131.07 on a cold start, null when warm
 */
export function parseReportFromLogResult(logResult: string | undefined, requestId?: string): ReportLine {
  if (logResult === undefined || logResult === '') {
    throw new ReportLineNotFoundError('the Invoke response has no LogResult (invoke with LogType: "Tail")');
  }
  return parseReportLine(Buffer.from(logResult, 'base64').toString('utf8'), requestId);
}

function fieldsOf(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of line.replace(REPORT_PREFIX, 'RequestId: ').split(/\t+| {2,}/)) {
    const colon = part.indexOf(':');
    if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  return fields;
}

function required(fields: Map<string, string>, name: string): string {
  const value = fields.get(name);
  if (value === undefined || value === '') throw new ReportLineMalformedError(name, 'is missing');
  return value;
}

function requiredNumber(fields: Map<string, string>, name: string, unit: string): number {
  const value = optionalNumber(fields, name, unit);
  if (value === null) throw new ReportLineMalformedError(name, 'is missing');
  return value;
}

function optionalNumber(fields: Map<string, string>, name: string, unit: string): number | null {
  const raw = fields.get(name);
  if (raw === undefined) return null;
  const match = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*${unit}$`).exec(raw);
  if (!match) throw new ReportLineMalformedError(name, `is ${JSON.stringify(raw)}; expected a number in ${unit}`);
  return Number(match[1]);
}

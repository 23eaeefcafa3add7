import { parseReportLine, type ReportLine, ReportLineNotFoundError } from '../log-tail';
import { BenchInvocationError } from './errors';

/** The `record` of a JSON-format `platform.report` log event (Lambda's JSON log format, Telemetry API shape). */
interface PlatformReportRecord {
  requestId?: unknown;
  status?: unknown;
  errorType?: unknown;
  metrics?: {
    durationMs?: unknown;
    billedDurationMs?: unknown;
    memorySizeMB?: unknown;
    maxMemoryUsedMB?: unknown;
    initDurationMs?: unknown;
  };
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function fromPlatformReport(record: PlatformReportRecord, field: string): ReportLine {
  const m = record.metrics ?? {};
  const need = (value: unknown, name: string): number => {
    const n = num(value);
    if (n === null)
      throw new BenchInvocationError(`platform.report record: metrics.${name} is missing or not a number (${field})`);
    return n;
  };
  const initDurationMs = num(m.initDurationMs);
  return {
    requestId: typeof record.requestId === 'string' ? record.requestId : '',
    durationMs: need(m.durationMs, 'durationMs'),
    billedDurationMs: need(m.billedDurationMs, 'billedDurationMs'),
    memorySizeMb: need(m.memorySizeMB, 'memorySizeMB'),
    maxMemoryUsedMb: need(m.maxMemoryUsedMB, 'maxMemoryUsedMB'),
    initDurationMs,
    coldStart: initDurationMs !== null,
    status: typeof record.status === 'string' ? record.status : 'success',
    errorType: typeof record.errorType === 'string' ? record.errorType : null,
  };
}

/**
 * Reads an invocation's REPORT out of its log tail, in either log format:
 * the text `REPORT RequestId: …` line (text format, the local runtime) or the JSON
 * `{"type":"platform.report","record":{…,"metrics":{…}}}` event (JSON format, which our functions use on AWS).
 * The last report in the tail wins; the tail's first line may be cut, so lines that do not parse are skipped.
 *
 * @throws ReportLineNotFoundError when the tail has neither; BenchInvocationError for a malformed JSON record.
 * @example
 * const out = await lambda.send(new InvokeCommand({ FunctionName, LogType: 'Tail', Payload }));
 * readReport(Buffer.from(out.LogResult ?? '', 'base64').toString('utf8')).initDurationMs;
 */
export function readReport(tail: string): ReportLine {
  const lines = tail.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = (lines[i] ?? '').trim();
    if (line.startsWith('REPORT RequestId: ')) return parseReportLine(line);
    if (line.startsWith('{') && line.includes('platform.report')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      const event = parsed as { type?: unknown; record?: unknown };
      if (event.type === 'platform.report' && typeof event.record === 'object' && event.record !== null) {
        return fromPlatformReport(event.record as PlatformReportRecord, `line ${i + 1}`);
      }
    }
  }
  throw new ReportLineNotFoundError(
    'no REPORT line or platform.report record in the log tail (was the function invoked with LogType Tail?)',
  );
}

import type { LogEvent } from '../runtime';

/**
 * One function log line for the terminal, tagged with the function and the environment, so the
 * lines of one instance can be followed: `[hello 3f2a9c1e] START RequestId: ...`.
 *
 * A function in JSON log format writes JSON records (the stack's functions do). The terminal shows
 * them as the text lines they stand for, so `npm start` reads the same in either format and a
 * REPORT stays one glance: `platform.report` as a REPORT line, `platform.start` as START, an
 * application record as `time  request id  LEVEL  message` (an object message as compact JSON).
 * The records themselves are what the log tail (X-Amz-Log-Type: Tail) and the live view carry.
 *
 * @example
 * runtime.on('log', (e) => process.stdout.write(formatLogEvent(e, short)));
 */
export function formatLogEvent(event: LogEvent, shortName: (functionName: string) => string): string {
  const line = event.line.startsWith('{') ? (readableRecord(event.line) ?? event.line) : event.line;
  return `[${shortName(event.functionName)} ${event.environmentId.slice(0, 8)}] ${line}\n`;
}

type Json = Record<string, unknown>;

/** What a record of Lambda's JSON console holds, and its levels (AWS: advanced logging controls). */
const LAMBDA_RECORD_KEYS = new Set([
  'timestamp',
  'level',
  'requestId',
  'message',
  'errorType',
  'errorMessage',
  'stackTrace',
]);
const LAMBDA_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

const num = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : String(v));

/** The text line a JSON log record stands for; undefined when it is not one of Lambda's records. */
export function readableRecord(line: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const r = parsed as Json;
  if (typeof r.type === 'string' && typeof r.record === 'object' && r.record !== null) {
    return platformText(r.type, r.record as Json);
  }
  // Only the records Lambda's console writes: a function's own structured line (the kit's logger has
  // instanceId, coldStart...) is shown as it is, every field kept.
  if (
    typeof r.level === 'string' &&
    LAMBDA_LEVELS.has(r.level) &&
    typeof r.timestamp === 'string' &&
    Object.keys(r).every((key) => LAMBDA_RECORD_KEYS.has(key))
  ) {
    const message = typeof r.message === 'string' ? r.message : JSON.stringify(r.message);
    return `${r.timestamp}\t${r.requestId ?? 'undefined'}\t${r.level}\t${message}`;
  }
  return undefined;
}

function platformText(type: string, rec: Json): string | undefined {
  const m = (typeof rec.metrics === 'object' && rec.metrics !== null ? rec.metrics : {}) as Json;
  const failed = rec.status && rec.status !== 'success' ? `\tStatus: ${rec.status}` : '';
  const errorType = rec.errorType ? `\tError Type: ${rec.errorType}` : '';
  switch (type) {
    case 'platform.initStart':
      return `INIT_START ${rec.initializationType ?? ''}`.trimEnd();
    case 'platform.start':
      return `START RequestId: ${rec.requestId} Version: ${rec.version ?? '$LATEST'}`;
    case 'platform.runtimeDone':
      return `END RequestId: ${rec.requestId}${failed}`;
    case 'platform.report':
      return (
        `REPORT RequestId: ${rec.requestId}\tDuration: ${num(m.durationMs)} ms\tBilled Duration: ${m.billedDurationMs} ms\t` +
        `Memory Size: ${m.memorySizeMB} MB\tMax Memory Used: ${m.maxMemoryUsedMB} MB` +
        (m.initDurationMs !== undefined ? `\tInit Duration: ${num(m.initDurationMs)} ms` : '') +
        failed +
        errorType
      );
    case 'platform.initReport':
      return `INIT_REPORT Init Duration: ${num(m.durationMs)} ms\tPhase: ${rec.phase}${failed}${errorType}`;
    default:
      return undefined;
  }
}

/**
 * The platform's (Lambda's own, "system") log lines in a function's log format: START / END /
 * REPORT / INIT_REPORT text in Text format, `platform.*` JSON records in JSON format, filtered by
 * the system log level.
 *
 * The JSON shapes follow "Configuring advanced logging controls for Lambda functions"
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html), whose
 * system log records are the Telemetry API's events
 * (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html):
 * `{"time":"…","type":"platform.report","record":{"requestId":"…","metrics":{…},"status":"success"}}`.
 * The levels of the records follow "Log-level filtering"
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html):
 * initStart, initReport, start and report are INFO, runtimeDone is DEBUG, so a system level of
 * WARN sends none of them.
 */
import { type ApplicationLogLevel, passesLevel, resolveLogging } from './logging-config';
import {
  endLine,
  type InitReportFields,
  initReportLine,
  type ReportFields,
  reportLine,
  startLine,
  timeoutLine,
} from './logs';
import type { FunctionDefinition } from './types';

export type InitializationType = 'on-demand' | 'provisioned-concurrency' | 'lambda-managed-instances';

/** Each method returns the line to write, or undefined when the format writes none (or filters it out). */
export interface PlatformLogFormat {
  readonly format: 'Text' | 'JSON';
  /** At spawn: `platform.initStart` in JSON; nothing in Text (the local runtime writes no INIT_START). */
  initStart(initializationType: InitializationType): string | undefined;
  start(requestId: string): string | undefined;
  /** After the function answered: END in Text, `platform.runtimeDone` (DEBUG) in JSON. */
  end(f: ReportFields): string | undefined;
  report(f: ReportFields): string | undefined;
  initReport(f: InitReportFields, initializationType: InitializationType): string | undefined;
  /** `Task timed out after …` in Text; in JSON the timeout is the report's `status`, so nothing. */
  timeout(requestId: string, seconds: number): string | undefined;
}

const TEXT: PlatformLogFormat = {
  format: 'Text',
  initStart: () => undefined,
  start: (requestId) => startLine(requestId, '$LATEST'),
  end: (f) => endLine(f.requestId),
  report: reportLine,
  initReport: initReportLine,
  timeout: timeoutLine,
};

const ms = (value: number): number => Math.round(value * 1000) / 1000;

/** One system log record in JSON format. */
export function platformRecord(type: string, record: Record<string, unknown>, time = new Date()): string {
  return JSON.stringify({ time: time.toISOString(), type, record });
}

/** `platform.report`'s record: the metrics of REPORT, `initDurationMs` on cold starts only. */
export function reportRecord(f: ReportFields): Record<string, unknown> {
  return {
    requestId: f.requestId,
    metrics: {
      durationMs: ms(f.durationMs),
      billedDurationMs: f.billedMs,
      memorySizeMB: f.memorySize,
      maxMemoryUsedMB: f.maxMemoryUsedMb,
      ...(f.initDurationMs !== undefined ? { initDurationMs: ms(f.initDurationMs) } : {}),
    },
    status: f.status ?? 'success',
    ...(f.errorType ? { errorType: f.errorType } : {}),
    // The local runtime's addition (see ReportFields.concurrency), outside AWS's `metrics`.
    ...(f.concurrency ? { executionEnvironmentConcurrency: f.concurrency } : {}),
  };
}

function jsonFormat(fn: FunctionDefinition): PlatformLogFormat {
  const { systemLogLevel } = resolveLogging(fn.name, fn.logging, fn.managedInstances !== undefined);
  const sends = (level: ApplicationLogLevel): boolean => passesLevel(level, systemLogLevel);
  const info = sends('INFO');
  const debug = sends('DEBUG');
  return {
    format: 'JSON',
    initStart: (initializationType) =>
      info
        ? platformRecord('platform.initStart', {
            initializationType,
            phase: 'init',
            functionName: fn.name,
            functionVersion: '$LATEST',
          })
        : undefined,
    start: (requestId) => (info ? platformRecord('platform.start', { requestId, version: '$LATEST' }) : undefined),
    end: (f) =>
      debug
        ? platformRecord('platform.runtimeDone', {
            requestId: f.requestId,
            status: f.status ?? 'success',
            ...(f.errorType ? { errorType: f.errorType } : {}),
            metrics: { durationMs: ms(f.durationMs) },
          })
        : undefined,
    report: (f) => (info ? platformRecord('platform.report', reportRecord(f)) : undefined),
    initReport: (f, initializationType) =>
      info
        ? platformRecord('platform.initReport', {
            initializationType,
            phase: f.phase,
            status: f.status,
            ...(f.errorType ? { errorType: f.errorType } : {}),
            metrics: { durationMs: ms(f.durationMs) },
          })
        : undefined,
    timeout: () => undefined,
  };
}

const jsonFormats = new WeakMap<FunctionDefinition, PlatformLogFormat>();

/**
 * The platform log format of `fn`: one shared Text format (the hot path allocates nothing), or a
 * JSON format made once per function definition (a configuration update makes a new definition).
 *
 * @example
 * const line = platformLogFormat(fn).start(requestId); // undefined when filtered out
 */
export function platformLogFormat(fn: FunctionDefinition): PlatformLogFormat {
  // Managed Instances functions are always JSON (see resolveLogging).
  if (fn.logging?.logFormat !== 'JSON' && !fn.managedInstances) return TEXT;
  let format = jsonFormats.get(fn);
  if (!format) {
    format = jsonFormat(fn);
    jsonFormats.set(fn, format);
  }
  return format;
}

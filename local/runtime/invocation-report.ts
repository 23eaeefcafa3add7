import type { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { ExecutionEnvironment, InitOutcome } from './execution-environment';
import type { LogTail, ReportFields } from './logs';
import type { FunctionDefinition, LocalLambdaEvents } from './types';

/** Writes one platform line of `env` for `requestId`: to the invocation's tail and to the log subscribers. */
export type PlatformLog = (
  env: ExecutionEnvironment,
  line: string,
  requestId: string | undefined,
  tail: LogTail | undefined,
) => void;

/** The facts of one invocation that its END and REPORT lines and its 'invocation' event carry. */
export interface InvocationSummary {
  readonly env: ExecutionEnvironment;
  readonly fn: FunctionDefinition;
  readonly requestId: string;
  readonly durationMs: number;
  /** INIT's duration, on a cold start whose INIT succeeded. */
  readonly initDurationMs: number | undefined;
  readonly coldStart: boolean;
  readonly status: 'error' | 'timeout' | undefined;
  readonly errorType: string | undefined;
  readonly tail: LogTail | undefined;
  /** Managed Instances: invocations its environment ran when it ended, itself included. */
  readonly concurrentAtEnd?: number | undefined;
}

type FailedInit = Extract<InitOutcome, { ok: false }>;

/**
 * The one place that writes an invocation's platform lines, in the function's log format (Text:
 * START when the function never got the event, END, REPORT, INIT_REPORT; JSON: the `platform.*`
 * records of platform-log-format.ts), and the 'invocation' event. The environment writes START
 * itself as it delivers the event, so that START precedes the function's own lines.
 *
 * @example
 * const reporter = new InvocationReporter(runtime, platformLog);
 * if (tail) await reporter.invoked(summary);
 */
export class InvocationReporter {
  constructor(
    private readonly events: EventEmitter<LocalLambdaEvents>,
    private readonly log: PlatformLog,
  ) {}

  /** Whether anyone would see END and REPORT of an invocation that asked for no tail. */
  get observed(): boolean {
    return this.events.listenerCount('log') > 0 || this.events.listenerCount('invocation') > 0;
  }

  /** END and REPORT of an invocation the function ran, then the 'invocation' event. */
  async invoked(s: InvocationSummary): Promise<void> {
    // Let log lines written just before the response reach us first, as they precede END.
    await new Promise((r) => setImmediate(r));
    // Managed Instances: one read of a worker's answers may hold an answer written after this loop turn's
    // look at its log pipes (the lines before it still unread), so wait one more turn: its poll reads them.
    if (s.env.managed) await new Promise((r) => setImmediate(r));
    const { env, requestId, tail } = s;
    if (tail || performance.now() - env.lastMemoryReadAt > 250) env.refreshMemory();
    const fields = reportFields(s);
    this.write(env, env.platformLog.end(fields), requestId, tail);
    this.write(env, env.platformLog.report(fields), requestId, tail);
    env.endInvocationLogs(requestId);
    if (this.events.listenerCount('invocation') > 0) {
      this.events.emit('invocation', {
        functionName: s.fn.name,
        requestId,
        environmentId: env.id,
        coldStart: s.coldStart,
        durationMs: s.durationMs,
        ...(s.initDurationMs !== undefined ? { initDurationMs: s.initDurationMs } : {}),
        status: s.status ?? 'success',
        ...(s.errorType ? { errorType: s.errorType } : {}),
      });
    }
  }

  /** START, END and REPORT of an invoke whose suppressed INIT failed too: the function never got the event. */
  initFailedAgain(s: InvocationSummary): void {
    const { env, requestId, tail } = s;
    const fields = reportFields(s);
    this.write(env, env.platformLog.start(requestId), requestId, tail);
    this.write(env, env.platformLog.end(fields), requestId, tail);
    this.write(env, env.platformLog.report(fields), requestId, tail);
  }

  /** INIT_REPORT of a failed INIT: `init` phase at a cold start or ahead of traffic, `invoke` when retried in an invoke. */
  initFailed(env: ExecutionEnvironment, init: FailedInit, phase: 'init' | 'invoke'): void {
    const line = env.platformLog.initReport(
      { durationMs: init.durationMs, phase, status: init.status, errorType: init.errorType },
      env.initializationType,
    );
    this.write(env, line, env.currentRequestId, env.currentTail);
  }

  /** Writes `line` unless the log format has none (or the system log level filtered it out). */
  private write(env: ExecutionEnvironment, line: string | undefined, requestId: string | undefined, tail?: LogTail) {
    if (line !== undefined) this.log(env, line, requestId, tail);
  }
}

function reportFields(s: InvocationSummary): ReportFields {
  return {
    requestId: s.requestId,
    durationMs: s.durationMs,
    // Billed from the start of INIT on a cold start, as zip packages on managed runtimes are.
    billedMs: Math.ceil(s.durationMs + (s.initDurationMs ?? 0)),
    memorySize: s.fn.memorySize,
    maxMemoryUsedMb: Math.max(Math.ceil(s.env.peakKb / 1024), 1),
    initDurationMs: s.initDurationMs,
    status: s.status,
    errorType: s.errorType,
    ...(s.env.debugging ? { debug: true } : {}),
    ...(s.env.managed && s.concurrentAtEnd !== undefined
      ? { concurrency: { inFlight: s.concurrentAtEnd, peak: s.env.concurrency().peak, limit: s.env.capacity } }
      : {}),
  };
}

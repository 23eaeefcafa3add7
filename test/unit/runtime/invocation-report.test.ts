import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import type { InvocationEvent, LocalLambdaEvents } from '../../../local/runtime';
import { ExecutionEnvironment } from '../../../local/runtime/execution-environment';
import { InvocationReporter, type InvocationSummary } from '../../../local/runtime/invocation-report';
import { LogTail } from '../../../local/runtime/logs';
import { MemoryMonitor } from '../../../local/runtime/memory-monitor';
import { defaults } from '../../../local/runtime/options';
import { ProcessExecutor } from '../../../local/runtime/runtime-executor';

const fn = {
  name: 'reported',
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  memorySize: 256,
  timeout: 3,
  codeDir: path.join(__dirname, '..', '..', 'fixtures', 'functions', 'echo'),
};

describe('invocation report', () => {
  const executor = new ProcessExecutor();
  const monitor = new MemoryMonitor(50);
  afterAll(() => {
    executor.close();
    monitor.stop();
  });

  /** An environment that is never started: the report reads only what it recorded. */
  function environment(): ExecutionEnvironment {
    return new ExecutionEnvironment(
      {
        fn,
        node: { path: process.execPath, major: 24, minor: 0 },
        bootstrapFile: '/nonexistent/bootstrap.js',
        region: 'us-east-1',
        extraEnv: {},
        freeze: true,
        provisioned: false,
        shutdownGraceMs: 0,
        streamLimitBytes: defaults.streamLimitBytes,
        streamBandwidthCap: defaults.streamBandwidthCap,
        executor,
        memoryMonitor: monitor,
      },
      { log: () => undefined, wantsLogs: () => false, stateChanged: () => undefined, ended: () => undefined },
    );
  }

  function reporter(): { reporter: InvocationReporter; events: EventEmitter<LocalLambdaEvents>; lines: string[] } {
    const events = new EventEmitter<LocalLambdaEvents>();
    const lines: string[] = [];
    const log = (_env: ExecutionEnvironment, line: string, _id: string | undefined, tail: LogTail | undefined) => {
      lines.push(line);
      tail?.push(line);
    };
    return { reporter: new InvocationReporter(events, log), events, lines };
  }

  function summary(overrides: Partial<InvocationSummary>): InvocationSummary {
    return {
      env: environment(),
      fn,
      requestId: 'req-1',
      durationMs: 12.345,
      initDurationMs: undefined,
      coldStart: false,
      status: undefined,
      errorType: undefined,
      tail: new LogTail(),
      ...overrides,
    };
  }

  it('writes END then REPORT, billing a cold start from the start of INIT, and emits the invocation', async () => {
    // Prepare
    const { reporter: r, events, lines } = reporter();
    const seen: InvocationEvent[] = [];
    events.on('invocation', (e) => seen.push(e));
    // Act
    await r.invoked(summary({ coldStart: true, initDurationMs: 100.2 }));
    // Assess
    expect(lines).toEqual([
      'END RequestId: req-1',
      'REPORT RequestId: req-1\tDuration: 12.35 ms\tBilled Duration: 113 ms\tMemory Size: 256 MB\tMax Memory Used: 1 MB\tInit Duration: 100.20 ms',
    ]);
    expect(seen).toEqual([
      expect.objectContaining({ requestId: 'req-1', coldStart: true, initDurationMs: 100.2, status: 'success' }),
    ]);
    expect(seen[0]).not.toHaveProperty('errorType');
  });

  it('adds Status and Error Type to the REPORT of a failed invocation', async () => {
    // Prepare
    const { reporter: r, lines } = reporter();
    // Act
    await r.invoked(summary({ status: 'timeout', errorType: 'Sandbox.Timedout', durationMs: 3000 }));
    // Assess
    expect(lines[1]).toBe(
      'REPORT RequestId: req-1\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 256 MB\tMax Memory Used: 1 MB\tStatus: timeout\tError Type: Sandbox.Timedout',
    );
  });

  it('frames an invoke whose retried INIT failed with START, END and a REPORT of the same shape', () => {
    // Prepare
    const { reporter: r, lines } = reporter();
    const tail = new LogTail();
    // Act
    r.initFailedAgain(summary({ durationMs: 40.01, status: 'error', errorType: 'Runtime.ExitError', tail }));
    // Assess
    expect(lines).toEqual([
      'START RequestId: req-1 Version: $LATEST',
      'END RequestId: req-1',
      'REPORT RequestId: req-1\tDuration: 40.01 ms\tBilled Duration: 41 ms\tMemory Size: 256 MB\tMax Memory Used: 1 MB\tStatus: error\tError Type: Runtime.ExitError',
    ]);
    expect(Buffer.from(tail.toBase64(), 'base64').toString()).toBe(`${lines.join('\n')}\n`);
  });

  it('counts as observed only while someone listens to logs or invocations', () => {
    // Prepare
    const { reporter: r, events } = reporter();
    const before = r.observed;
    // Act
    events.on('invocation', () => undefined);
    // Assess
    expect(before).toBe(false);
    expect(r.observed).toBe(true);
  });
});

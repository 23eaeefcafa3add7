import type { FunctionDefinition, LoggingConfig } from '../../../local/runtime';
import { passesLevel } from '../../../local/runtime/logging-config';
import { platformLogFormat } from '../../../local/runtime/platform-log-format';

function fn(logging?: LoggingConfig): FunctionDefinition {
  return {
    name: 'logged',
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    memorySize: 256,
    timeout: 3,
    codeDir: '/nonexistent',
    ...(logging ? { logging } : {}),
  };
}

const report = {
  requestId: 'req-1',
  durationMs: 12.34567,
  billedMs: 138,
  memorySize: 256,
  maxMemoryUsedMb: 71,
  initDurationMs: 125.4321,
};

describe('platform log format', () => {
  it('writes the text lines of today when the function has no logging_config', () => {
    // Act
    const format = platformLogFormat(fn());

    // Assess
    expect(format.format).toBe('Text');
    expect(format.initStart('on-demand')).toBeUndefined();
    expect(format.start('req-1')).toBe('START RequestId: req-1 Version: $LATEST');
    expect(format.end(report)).toBe('END RequestId: req-1');
    expect(format.report(report)).toMatch(
      /^REPORT RequestId: req-1\tDuration: 12\.35 ms\t.*Init Duration: 125\.43 ms$/,
    );
  });

  it('writes platform.report with metrics and initDurationMs on a cold start, none when warm', () => {
    // Prepare
    const format = platformLogFormat(fn({ logFormat: 'JSON' }));

    // Act
    const cold = JSON.parse(format.report(report) ?? '');
    const warm = JSON.parse(format.report({ ...report, initDurationMs: undefined }) ?? '');

    // Assess
    expect(cold.type).toBe('platform.report');
    expect(cold.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(cold.record).toEqual({
      requestId: 'req-1',
      metrics: {
        durationMs: 12.346,
        billedDurationMs: 138,
        memorySizeMB: 256,
        maxMemoryUsedMB: 71,
        initDurationMs: 125.432,
      },
      status: 'success',
    });
    expect('initDurationMs' in warm.record.metrics).toBe(false);
  });

  it('carries a failed invocation as status and errorType in platform.report', () => {
    // Prepare
    const format = platformLogFormat(fn({ logFormat: 'JSON' }));

    // Act
    const record = JSON.parse(format.report({ ...report, status: 'timeout', errorType: 'Sandbox.Timedout' }) ?? '');

    // Assess
    expect(record.record).toMatchObject({ status: 'timeout', errorType: 'Sandbox.Timedout' });
    expect(format.timeout('req-1', 3)).toBeUndefined();
  });

  it('writes platform.initStart and platform.start records at system level INFO, runtimeDone only at DEBUG', () => {
    // Prepare
    const info = platformLogFormat(fn({ logFormat: 'JSON' }));
    const debug = platformLogFormat(fn({ logFormat: 'JSON', systemLogLevel: 'DEBUG' }));

    // Act
    const initStart = JSON.parse(info.initStart('on-demand') ?? '');
    const start = JSON.parse(info.start('req-1') ?? '');
    const runtimeDone = JSON.parse(debug.end(report) ?? '');

    // Assess
    expect(initStart).toMatchObject({
      type: 'platform.initStart',
      record: { initializationType: 'on-demand', phase: 'init', functionName: 'logged', functionVersion: '$LATEST' },
    });
    expect(start).toMatchObject({ type: 'platform.start', record: { requestId: 'req-1', version: '$LATEST' } });
    expect(info.end(report)).toBeUndefined();
    expect(runtimeDone).toMatchObject({
      type: 'platform.runtimeDone',
      record: { requestId: 'req-1', status: 'success' },
    });
  });

  it('writes no platform record at system level WARN', () => {
    // Prepare
    const format = platformLogFormat(fn({ logFormat: 'JSON', systemLogLevel: 'WARN' }));

    // Act
    const lines = [
      format.initStart('on-demand'),
      format.start('req-1'),
      format.end(report),
      format.report(report),
      format.initReport({ durationMs: 3, phase: 'init', status: 'error', errorType: 'Runtime.ExitError' }, 'on-demand'),
    ];

    // Assess
    expect(lines).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('passesLevel', () => {
  it('passes the selected level and every level with less detail', () => {
    // Assess
    expect(passesLevel('INFO', 'INFO')).toBe(true);
    expect(passesLevel('ERROR', 'INFO')).toBe(true);
    expect(passesLevel('FATAL', 'TRACE')).toBe(true);
    expect(passesLevel('DEBUG', 'INFO')).toBe(false);
    expect(passesLevel('TRACE', 'DEBUG')).toBe(false);
  });
});

import { ReportLineNotFoundError } from '../../bench/log-tail';
import { readReport } from '../../bench/measure';

describe('reading the REPORT of an invocation from its log tail, in both log formats', () => {
  it('reads a text REPORT line with an Init Duration as a cold start', () => {
    // Prepare: the tail's first line is cut, as the last 4 KB often is
    const tail = [
      'uration: 3.10 ms\tMemory Size: 128 MB',
      'START RequestId: r1 Version: $LATEST',
      'END RequestId: r1',
      'REPORT RequestId: r1\tDuration: 2.50 ms\tBilled Duration: 125 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tInit Duration: 121.70 ms',
      '',
    ].join('\n');
    // Act
    const report = readReport(tail);
    // Assess
    expect(report).toMatchObject({
      requestId: 'r1',
      durationMs: 2.5,
      maxMemoryUsedMb: 68,
      initDurationMs: 121.7,
      coldStart: true,
    });
  });

  it('reads a JSON platform.report record (AWS JSON log format) without initDurationMs as warm', () => {
    // Prepare
    const tail = [
      '{"time":"2026-11-27T10:00:00.000Z","type":"platform.start","record":{"requestId":"r2","version":"$LATEST"}}',
      '{"timestamp":"2026-11-27T10:00:00.001Z","level":"INFO","requestId":"r2","message":"hello"}',
      '{"time":"2026-11-27T10:00:00.003Z","type":"platform.report","record":{"requestId":"r2","metrics":{"durationMs":1.83,"billedDurationMs":2,"memorySizeMB":128,"maxMemoryUsedMB":71},"status":"success"}}',
    ].join('\n');
    // Act
    const report = readReport(tail);
    // Assess
    expect(report).toEqual({
      requestId: 'r2',
      durationMs: 1.83,
      billedDurationMs: 2,
      memorySizeMb: 128,
      maxMemoryUsedMb: 71,
      initDurationMs: null,
      coldStart: false,
      status: 'success',
      errorType: null,
    });
  });

  it('reads initDurationMs from a JSON record as a cold start', () => {
    // Prepare
    const tail =
      '{"type":"platform.report","record":{"requestId":"r3","metrics":{"durationMs":4,"billedDurationMs":130,"memorySizeMB":256,"maxMemoryUsedMB":79,"initDurationMs":125.4}}}';
    // Act / Assess
    expect(readReport(tail)).toMatchObject({ initDurationMs: 125.4, coldStart: true, memorySizeMb: 256 });
  });

  it('fails with ReportLineNotFoundError when the tail has neither format', () => {
    expect(() => readReport('START RequestId: r4 Version: $LATEST\nEND RequestId: r4\n')).toThrow(
      ReportLineNotFoundError,
    );
  });
});

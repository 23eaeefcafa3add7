import {
  parseReportFromLogResult,
  parseReportLine,
  ReportLineMalformedError,
  ReportLineNotFoundError,
} from '../../bench/log-tail';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const COLD =
  'START RequestId: 6f1c3a2e-0000-4000-8000-000000000001 Version: $LATEST\n' +
  '2026-11-27T12:00:00.000Z\t6f1c3a2e-0000-4000-8000-000000000001\tINFO\thello\n' +
  'END RequestId: 6f1c3a2e-0000-4000-8000-000000000001\n' +
  'REPORT RequestId: 6f1c3a2e-0000-4000-8000-000000000001\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\tInit Duration: 120.50 ms\t\n';

describe('REPORT line parser', () => {
  it('reads Duration, Billed Duration, memory and Init Duration of a cold start', () => {
    // Act
    const report = parseReportFromLogResult(b64(COLD));
    // Assess
    expect(report).toEqual({
      requestId: '6f1c3a2e-0000-4000-8000-000000000001',
      durationMs: 12.34,
      billedDurationMs: 13,
      memorySizeMb: 128,
      maxMemoryUsedMb: 67,
      initDurationMs: 120.5,
      coldStart: true,
      status: 'success',
      errorType: null,
    });
  });

  it('reports a warm invocation with no Init Duration, in the double-space format of the docs', () => {
    // Prepare
    const text =
      'START RequestId: abc Version: $LATEST\nEND RequestId: abc\nREPORT RequestId: abc  Duration: 1.07 ms  Billed Duration: 2 ms  Memory Size: 256 MB  Max Memory Used: 81 MB  \n';
    // Act
    const report = parseReportLine(text);
    // Assess
    expect(report).toMatchObject({
      requestId: 'abc',
      durationMs: 1.07,
      billedDurationMs: 2,
      memorySizeMb: 256,
      maxMemoryUsedMb: 81,
      initDurationMs: null,
      coldStart: false,
    });
  });

  it('reads Status: timeout and the Error Type of a failed invocation', () => {
    // Prepare
    const text =
      '2026-11-27T12:00:03.000Z 9d2 Task timed out after 3.00 seconds\nEND RequestId: 9d2\n' +
      'REPORT RequestId: 9d2\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tStatus: timeout\n';
    const withError =
      'REPORT RequestId: e1\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tStatus: error\tError Type: Runtime.ExitError\n';
    // Act
    const timeout = parseReportLine(text);
    const error = parseReportLine(withError);
    // Assess
    expect(timeout).toMatchObject({ durationMs: 3000, status: 'timeout', errorType: null, coldStart: false });
    expect(error).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError' });
  });

  it('ignores a REPORT line cut at the start of a 4 KB tail and takes the invocation’s own, last line', () => {
    // Prepare: the tail starts inside an earlier cold start's REPORT line; the current invocation is warm.
    const cut = 'ed Duration: 400 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 350.00 ms\n';
    const cutAtPrefix =
      'PORT RequestId: old\tDuration: 9.00 ms\tBilled Duration: 9 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 1.00 ms\n';
    const current =
      'START RequestId: new Version: $LATEST\n' +
      `${'x'.repeat(3000)}\n` +
      'END RequestId: new\nREPORT RequestId: new\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\t\n' +
      'XRAY TraceId: 1-abc-def\tSegmentId: 123\tSampled: true\n';
    // Act
    const first = parseReportFromLogResult(b64(cut + current));
    const second = parseReportFromLogResult(b64(cutAtPrefix + current));
    // Assess
    expect(first).toMatchObject({ requestId: 'new', durationMs: 2.5, initDurationMs: null, coldStart: false });
    expect(second).toMatchObject({ requestId: 'new', coldStart: false });
  });

  it('picks the REPORT line of a given request id, and does not take INIT_REPORT for a REPORT', () => {
    // Prepare
    const text =
      'INIT_REPORT Init Duration: 9999.00 ms\tPhase: init\tStatus: timeout\n' +
      'REPORT RequestId: one\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n' +
      'REPORT RequestId: two\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 61 MB\n';
    // Act / Assess
    expect(parseReportLine(text, 'one').durationMs).toBe(1);
    expect(parseReportLine(text).requestId).toBe('two');
    expect(() => parseReportLine('INIT_REPORT Init Duration: 10.00 ms\tPhase: init\tStatus: error\n')).toThrow(
      ReportLineNotFoundError,
    );
    expect(() => parseReportLine(text, 'three')).toThrow(/no REPORT line for request three/);
  });

  it('throws a coded not-found error when the tail has no REPORT line or there is no LogResult', () => {
    // Act / Assess
    expect(() => parseReportFromLogResult(b64('START RequestId: a Version: $LATEST\nhello\n'))).toThrow(
      ReportLineNotFoundError,
    );
    expect(() => parseReportFromLogResult(b64('hello'))).toThrow(expect.objectContaining({ code: 'EREPORTNOTFOUND' }));
    expect(() => parseReportFromLogResult(undefined)).toThrow(/LogType: "Tail"/);
  });

  it('names the field when a required value is missing or not a number', () => {
    // Act / Assess
    expect(() =>
      parseReportLine('REPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\n'),
    ).toThrow(expect.objectContaining({ code: 'EREPORTMALFORMED', field: 'Max Memory Used' }));
    expect(() =>
      parseReportLine(
        'REPORT RequestId: a\tDuration: fast\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\n',
      ),
    ).toThrow(ReportLineMalformedError);
  });
});

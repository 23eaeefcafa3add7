import { formatLogEvent } from '../../local/dev-stack/log-format';
import type { LogEvent } from '../../local/runtime';

function event(line: string): LogEvent {
  return {
    time: 0,
    functionName: 'lambda-reuse-lab-dev-hello',
    environmentId: '3f2a9c1e0000',
    logStream: 's',
    stream: 'platform',
    line,
  };
}

const short = (name: string) => name.replace('lambda-reuse-lab-dev-', '');

describe('dev stack log format', () => {
  it('prints a platform.report record as the REPORT line it stands for, Init Duration on a cold start', () => {
    // Prepare
    const line =
      '{"time":"t","type":"platform.report","record":{"requestId":"r1","metrics":{"durationMs":1.234,' +
      '"billedDurationMs":130,"memorySizeMB":128,"maxMemoryUsedMB":71,"initDurationMs":125.4},"status":"success"}}';

    // Act
    const out = formatLogEvent(event(line), short);

    // Assess
    expect(out).toBe(
      '[hello 3f2a9c1e] REPORT RequestId: r1\tDuration: 1.23 ms\tBilled Duration: 130 ms\tMemory Size: 128 MB\t' +
        'Max Memory Used: 71 MB\tInit Duration: 125.40 ms\n',
    );
  });

  it('prints platform.start as START and an application record as a text line, objects as compact JSON', () => {
    // Act
    const start = formatLogEvent(
      event('{"time":"t","type":"platform.start","record":{"requestId":"r1","version":"$LATEST"}}'),
      short,
    );
    const app = formatLogEvent(
      event('{"timestamp":"2026-01-01T00:00:00.000Z","level":"WARN","requestId":"r1","message":{"n":1}}'),
      short,
    );

    // Assess
    expect(start).toBe('[hello 3f2a9c1e] START RequestId: r1 Version: $LATEST\n');
    expect(app).toBe('[hello 3f2a9c1e] 2026-01-01T00:00:00.000Z\tr1\tWARN\t{"n":1}\n');
  });

  it('prints text lines and JSON that is not a Lambda record unchanged', () => {
    // Act
    const text = formatLogEvent(event('END RequestId: r1'), short);
    const other = formatLogEvent(event('{"custom":true}'), short);

    // Assess
    expect(text).toBe('[hello 3f2a9c1e] END RequestId: r1\n');
    expect(other).toBe('[hello 3f2a9c1e] {"custom":true}\n');
  });
});

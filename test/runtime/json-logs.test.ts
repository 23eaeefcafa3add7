import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readReport } from '../../bench/measure';
import type { LocalLambdaService } from '../../local/lambda-service';
import type { LogEvent } from '../../local/runtime';
import { fixture, serveRuntime, waitFor } from './support';

type Line = Record<string, unknown> & { type?: string; level?: string; message?: unknown; record?: any };

describe('logging_config through the real LambdaClient', () => {
  let rt: LocalLambdaService;
  let client: LambdaClient;
  const logged: LogEvent[] = [];
  beforeAll(async () => {
    rt = await serveRuntime(
      [
        fixture('json-logs', { name: 'json-info', logging: { logFormat: 'JSON', logGroup: '/custom/orders' } }),
        fixture('json-logs', {
          name: 'json-debug',
          logging: { logFormat: 'JSON', applicationLogLevel: 'DEBUG', systemLogLevel: 'DEBUG' },
        }),
        fixture('json-logs', {
          name: 'json-quiet',
          logging: { logFormat: 'JSON', applicationLogLevel: 'ERROR', systemLogLevel: 'WARN' },
        }),
        fixture('json-logs', { name: 'text' }),
      ],
      { log: (event) => logged.push(event) },
    );
    client = new LambdaClient({
      endpoint: rt.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await rt.stop();
  });

  async function invoke(name: string): Promise<{ tail: string; lines: Line[]; payload: Record<string, unknown> }> {
    const out = await client.send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}'), LogType: 'Tail' }),
    );
    const tail = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    const lines = tail
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
    return { tail, lines, payload: JSON.parse(Buffer.from(out.Payload ?? []).toString()) };
  }

  it('sets AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and the log group the function names', async () => {
    // Act
    const { payload } = await invoke('json-info');
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'json-info' }));

    // Assess
    expect(payload).toEqual({
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_LOG_LEVEL: 'INFO',
      AWS_LAMBDA_LOG_GROUP_NAME: '/custom/orders',
    });
    expect(config.LoggingConfig).toEqual({
      LogFormat: 'JSON',
      ApplicationLogLevel: 'INFO',
      SystemLogLevel: 'INFO',
      LogGroup: '/custom/orders',
    });
  });

  it('tails JSON records only: platform.start, the application records at INFO and above, platform.report', async () => {
    // Act
    const { lines } = await invoke('json-info');

    // Assess
    expect(lines.map((l) => l.type ?? l.level)).toEqual([
      'platform.start',
      'INFO',
      'INFO',
      'WARN',
      'ERROR',
      'platform.report',
    ]);
    const [start, log, object, , error, report] = lines;
    const requestId = start?.record.requestId;
    expect(start?.record).toEqual({ requestId, version: '$LATEST' });
    expect(log).toMatchObject({ requestId, message: 'log line' });
    expect(object).toMatchObject({ requestId, message: { kind: 'object', n: 1 } });
    expect(error).toMatchObject({ requestId, errorType: 'TypeError', errorMessage: 'bad input' });
    expect(report?.record).toMatchObject({ requestId, status: 'success' });
    expect(Object.keys(report?.record.metrics)).toEqual([
      'durationMs',
      'billedDurationMs',
      'memorySizeMB',
      'maxMemoryUsedMB',
    ]);
  });

  it('reports initDurationMs on the cold start only, and writes platform.initStart at INIT', async () => {
    // Prepare
    const before = logged.length;

    // Act
    const cold = await invoke('json-debug');
    const warm = await invoke('json-debug');

    // Assess
    const coldReport = cold.lines.find((l) => l.type === 'platform.report');
    const warmReport = warm.lines.find((l) => l.type === 'platform.report');
    expect(coldReport?.record.metrics.initDurationMs).toBeGreaterThan(0);
    expect(coldReport?.record.metrics.billedDurationMs).toBeGreaterThanOrEqual(
      Math.ceil(coldReport?.record.metrics.initDurationMs),
    );
    expect(warmReport?.record.metrics).not.toHaveProperty('initDurationMs');
    await waitFor(() => logged.length > before, 1000);
    const initLines = logged.slice(before).filter((e) => e.requestId === undefined);
    expect(initLines.map((e) => JSON.parse(e.line))).toEqual([
      expect.objectContaining({
        type: 'platform.initStart',
        record: expect.objectContaining({ initializationType: 'on-demand', phase: 'init', functionName: 'json-debug' }),
      }),
      expect.objectContaining({ level: 'INFO', message: 'init line' }),
    ]);
  });

  it('keeps DEBUG records and platform.runtimeDone at level DEBUG, and still drops TRACE', async () => {
    // Act
    const { lines } = await invoke('json-debug');

    // Assess
    expect(lines.map((l) => l.type ?? l.level)).toEqual([
      'platform.start',
      'DEBUG',
      'INFO',
      'INFO',
      'WARN',
      'ERROR',
      'platform.runtimeDone',
      'platform.report',
    ]);
  });

  it('drops every platform record at system level WARN and the records below ERROR', async () => {
    // Act
    const { lines } = await invoke('json-quiet');

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', message: expect.stringMatching(/^failed for order-1/) }),
    ]);
  });

  it('keeps the text format of a function without logging_config', async () => {
    // Act
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'text', Payload: Buffer.from('{}'), LogType: 'Tail' }),
    );

    // Assess
    const tail = Buffer.from(out.LogResult ?? '', 'base64')
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(tail[0]).toMatch(/^START RequestId: \S+ Version: \$LATEST$/);
    expect(tail.at(-2)).toMatch(/^END RequestId: /);
    expect(tail.at(-1)).toMatch(/^REPORT RequestId: /);
    expect(tail.some((l) => l.includes('\tTRACE\ttrace line'))).toBe(true);
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString())).toEqual({
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/text',
    });
  });

  it("gives the benchmark's report reader the same numbers from the local platform.report", async () => {
    // Act
    const { tail, lines } = await invoke('json-info');

    // Assess
    const report = lines.find((l) => l.type === 'platform.report')?.record;
    expect(readReport(tail)).toMatchObject({
      requestId: report.requestId,
      durationMs: report.metrics.durationMs,
      billedDurationMs: report.metrics.billedDurationMs,
      memorySizeMb: 128,
      coldStart: false,
      status: 'success',
    });
  });
});

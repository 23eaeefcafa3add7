import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createProgress } from '../../bench/progress';
import { defaults, runBenchmark } from '../../bench/runner';
import { assembleResults, validateResults } from '../../bench/schema';
import { createAwsTarget } from '../../bench/targets';

/*
 * AWS itself cannot run here: Lambda is an aws-sdk-client-mock (awsLambdaMock) and API Gateway a
 * 127.0.0.1 server (apiGatewayMock). The runner, the targets' shared code path and the JSON log-format
 * parsing are real.
 */
describe('bench against a deployed stack (--target aws), with AWS mocked', () => {
  const awsLambdaMock = mockClient(LambdaClient);
  let apiGatewayMock: Server;
  let dir: string;
  const fnName = 'lambda-reuse-lab-dev-hello';
  let updateStatus: 'Successful' | 'InProgress' = 'Successful';
  let pendingPolls = 0;
  let instanceId = randomUUID();
  let coldNext = true;

  beforeAll(async () => {
    apiGatewayMock = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ instanceId: randomUUID(), coldStart: true }));
    });
    await new Promise<void>((resolve) => apiGatewayMock.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'lrl-bench-aws-'));
    const { port } = apiGatewayMock.address() as AddressInfo;
    writeFileSync(
      join(dir, 'outputs.json'),
      JSON.stringify({
        api_url: { value: `http://127.0.0.1:${port}`, type: 'string', sensitive: false },
        functions: { value: { hello: { name: fnName, arn: `arn:aws:lambda:eu-west-1:1:function:${fnName}` } } },
      }),
    );
  });

  afterAll(async () => {
    awsLambdaMock.restore();
    await new Promise((resolve) => apiGatewayMock.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    awsLambdaMock.reset();
    awsLambdaMock.on(GetFunctionConfigurationCommand).callsFake(() => {
      if (pendingPolls > 0) pendingPolls -= 1;
      else updateStatus = 'Successful';
      return {
        FunctionName: fnName,
        LastUpdateStatus: updateStatus,
        Environment: { Variables: { CONFIG_PATH: '/lab/dev/', LOG_LEVEL: 'info' } },
      };
    });
    awsLambdaMock.on(UpdateFunctionConfigurationCommand).callsFake(() => {
      updateStatus = 'InProgress';
      pendingPolls = 1;
      instanceId = randomUUID();
      coldNext = true;
      return { FunctionName: fnName, LastUpdateStatus: 'InProgress' };
    });
    awsLambdaMock.on(InvokeCommand).callsFake(() => {
      const metrics = {
        durationMs: 2.1,
        billedDurationMs: 3,
        memorySizeMB: 128,
        maxMemoryUsedMB: 70,
        ...(coldNext ? { initDurationMs: 120.5 } : {}),
      };
      const cold = coldNext;
      coldNext = false;
      const tail = `{"type":"platform.start","record":{"requestId":"r"}}\n{"time":"t","type":"platform.report","record":{"requestId":"r","metrics":${JSON.stringify(metrics)},"status":"success"}}\n`;
      return {
        StatusCode: 200,
        LogResult: Buffer.from(tail).toString('base64'),
        Payload: Buffer.from(
          JSON.stringify({ statusCode: 200, body: JSON.stringify({ instanceId, coldStart: cold }) }),
        ),
      };
    });
  });

  it('forces cold starts by merging a new variable into the existing environment, waits for Successful, and reads JSON REPORT records', async () => {
    // Prepare
    const target = await createAwsTarget({ stack: 'unused', rootDir: dir, outputsFile: join(dir, 'outputs.json') });
    const quiet = new Writable({ write: (_c, _e, cb) => cb() }) as unknown as NodeJS.WriteStream;
    const options = {
      ...defaults,
      target: 'aws' as const,
      functions: ['hello'],
      cold: 2,
      warm: 3,
      concurrency: 2,
      warmup: 1,
    };
    // Act
    const raw = await runBenchmark(target, options, createProgress({ stream: quiet }));
    await target.teardown();
    const results = assembleResults(raw);
    // Assess
    expect(() => validateResults(results)).not.toThrow();
    const updates = awsLambdaMock.commandCalls(UpdateFunctionConfigurationCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(3); // two cold starts and the burst
    for (const u of updates) {
      expect(u.FunctionName).toBe(fnName);
      expect(u.Environment?.Variables).toEqual({
        CONFIG_PATH: '/lab/dev/',
        LOG_LEVEL: 'info',
        BENCH_COLD: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    expect(new Set(updates.map((u) => u.Environment?.Variables?.BENCH_COLD)).size).toBe(3);
    const invokes = awsLambdaMock.commandCalls(InvokeCommand).map((c) => c.args[0].input);
    expect(invokes.every((i) => i.LogType === 'Tail')).toBe(true);
    expect(JSON.parse(Buffer.from(invokes[0]?.Payload as Uint8Array).toString())).toMatchObject({
      version: '2.0',
      rawPath: '/hello',
      requestContext: { http: { method: 'GET' } },
    });
    const hello = results.functions[0];
    expect(hello?.samples.filter((s) => s.phase === 'cold').map((s) => s.initDurationMs)).toEqual([120.5, 120.5]);
    expect(hello?.samples.filter((s) => s.phase === 'warm').map((s) => s.initDurationMs)).toEqual([null, null, null]);
    expect(results.bursts[0]).toMatchObject({
      function: 'hello',
      requests: 2,
      environmentsCreated: 2,
      coldStartsSeen: 2,
      errors: 0,
    });
    expect(results.target).toBe('aws');
  }, 30_000);
});

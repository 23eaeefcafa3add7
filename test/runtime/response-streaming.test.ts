import { InvokeCommand, InvokeWithResponseStreamCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalLambdaService } from '../../local/lambda-service';
import { fixture, serveRuntime } from './support';

/** Reads InvokeWithResponseStream's events with the SDK's own decoder, noting when each arrived. */
async function readEvents(client: LambdaClient, name: string, payload: object) {
  const sentAt = Date.now();
  const out = await client.send(
    new InvokeWithResponseStreamCommand({
      FunctionName: name,
      Payload: Buffer.from(JSON.stringify(payload)),
      LogType: 'Tail',
    }),
  );
  const chunks: { text: string; afterMs: number }[] = [];
  let complete: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string } | undefined;
  for await (const event of out.EventStream ?? []) {
    if (event.PayloadChunk?.Payload) {
      chunks.push({ text: Buffer.from(event.PayloadChunk.Payload).toString('utf8'), afterMs: Date.now() - sentAt });
    }
    if (event.InvokeComplete) complete = event.InvokeComplete;
  }
  return { out, chunks, complete, totalMs: Date.now() - sentAt };
}

describe('InvokeWithResponseStream with the real LambdaClient', () => {
  let rt: LocalLambdaService;
  let client: LambdaClient;
  beforeAll(async () => {
    rt = await serveRuntime([fixture('stream'), fixture('echo')], { streamLimitBytes: 1024 * 1024 });
    client = new LambdaClient({
      endpoint: rt.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    // Warm, so the measured invoke has no INIT in it.
    await client.send(new InvokeCommand({ FunctionName: 'stream', Payload: Buffer.from('{"pauseMs":1}') }));
  });
  afterAll(async () => {
    client.destroy();
    await rt.stop();
  });

  it('delivers the first chunk before the handler has finished writing', async () => {
    // Act
    const { out, chunks, complete, totalMs } = await readEvents(client, 'stream', {});
    // Assess
    expect(out.StatusCode).toBe(200);
    expect(chunks.map((c) => c.text).join('')).toBe('first chunk\nsecond chunk\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    // The handler waits 500 ms between its writes: the first chunk came before that wait was over.
    expect(totalMs - (chunks[0]?.afterMs ?? totalMs)).toBeGreaterThanOrEqual(400);
    expect(complete?.ErrorCode).toBeUndefined();
    expect(Buffer.from(complete?.LogResult ?? '', 'base64').toString()).toContain('streaming first chunk');
  });

  it('ends with InvokeComplete carrying the error code and the log tail when the handler throws mid-stream', async () => {
    // Act
    const { chunks, complete } = await readEvents(client, 'stream', { throw: 'broke mid-stream', pauseMs: 10 });
    // Assess
    expect(chunks.map((c) => c.text).join('')).toBe('first chunk\n');
    expect(complete?.ErrorCode).toBe('Error');
    expect(complete?.ErrorDetails).toBe('broke mid-stream');
    expect(Buffer.from(complete?.LogResult ?? '', 'base64').toString()).toMatch(/REPORT RequestId: .*Status: error/);
  });

  it('returns a buffered function’s payload as one chunk', async () => {
    // Act
    const { chunks, complete } = await readEvents(client, 'echo', { a: 1 });
    // Assess
    expect(chunks).toHaveLength(1);
    expect(JSON.parse(chunks[0]?.text ?? '{}').event).toEqual({ a: 1 });
    expect(complete?.ErrorCode).toBeUndefined();
  });

  it('cuts a streamed response past the size limit with Function.ResponseSizeTooLarge', async () => {
    // Act
    const { chunks, complete } = await readEvents(client, 'stream', { bytes: 2 * 1024 * 1024 });
    // Assess
    const received = chunks.reduce((n, c) => n + Buffer.byteLength(c.text), 0);
    expect(received).toBeLessThanOrEqual(1024 * 1024);
    expect(complete?.ErrorCode).toBe('Function.ResponseSizeTooLarge');
  });

  it('keeps serving buffered invokes of the same environment after a stream', async () => {
    // Act
    const out = await client.send(new InvokeCommand({ FunctionName: 'stream', Payload: Buffer.from('{"pauseMs":1}') }));
    // Assess
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
  });
});

describe('InvokeWithResponseStream under Managed Instances', () => {
  it('streams several concurrent responses from one environment, each whole', async () => {
    // Prepare
    const rt = await serveRuntime([
      fixture('stream', {
        name: 'stream-lmi',
        memorySize: 2048,
        managedInstances: { maxConcurrency: 8, minEnvironments: 1, maxEnvironments: 1 },
      }),
    ]);
    const client = new LambdaClient({
      endpoint: rt.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      // Act
      const streams = await Promise.all(
        Array.from({ length: 4 }, () => readEvents(client, 'stream-lmi', { pauseMs: 200 })),
      );
      // Assess
      for (const s of streams) {
        expect(s.chunks.map((c) => c.text).join('')).toBe('first chunk\nsecond chunk\n');
        expect(s.complete?.ErrorCode).toBeUndefined();
      }
      expect(rt.runtime.environments()).toHaveLength(1);
      expect(rt.runtime.environments()[0]?.concurrency?.peak).toBe(4);
    } finally {
      client.destroy();
      await rt.stop();
    }
  });
});

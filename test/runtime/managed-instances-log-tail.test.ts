/**
 * KNOWN RUNTIME BUG (reported to the lead, not fixed here: local/runtime is outside this change's scope).
 * Under Managed Instances an invocation's log tail (LogType Tail) sometimes lacks every line the function
 * wrote: a worker thread's stdout reaches the environment's parent through the main thread, asynchronously,
 * while the response goes over the Runtime API at once, so a line can arrive after its invocation left the
 * in-flight table (ExecutionEnvironment.lineOwner finds no owner and the line goes to no tail). Observed: 2 to
 * 3 of 20 concurrent invocations per burst. `it.failing` passes while the bug is there; once the runtime
 * attributes late lines (or drains a worker's stdout before posting the response), it fails: make it `it`.
 */
import type { FunctionDefinition, LocalLambda } from '../../local/runtime';
import { fixture, startRuntime } from './support';

const lmi: FunctionDefinition = fixture('json-logs', {
  name: 'lmi-json-logs',
  memorySize: 2048,
  environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' },
  managedInstances: { maxConcurrency: 32, minEnvironments: 1, maxEnvironments: 1 },
});

describe('Managed Instances: the log tail of concurrent invocations', () => {
  let rt: LocalLambda;
  beforeAll(async () => {
    rt = await startRuntime([lmi]);
  });
  afterAll(() => rt.stop());

  it.failing('holds each invocation’s own function lines when 20 run at once on one environment', async () => {
    // Act: five bursts of 20, each invocation asking for its tail.
    const tails: string[] = [];
    for (let burst = 0; burst < 5; burst += 1) {
      const results = await Promise.all(Array.from({ length: 20 }, () => rt.invoke(lmi.name, {}, { tail: true })));
      tails.push(...results.map((r) => Buffer.from(r.logResult ?? '', 'base64').toString('utf8')));
    }
    // Assess: every tail has the handler's last console line (console.error, written just before it returns).
    expect(tails.filter((t) => !t.includes('failed for order-1'))).toEqual([]);
  });
});

/**
 * Under Managed Instances a worker's console lines and its responses travel apart (stdout and the Runtime API),
 * so a line written just before the handler returns can be read after the response. The bootstrap writes a
 * worker's lines straight to the process's descriptor, and the environment keeps an answered invocation's tail
 * until its REPORT is written; this checks that no tail loses the function's own lines.
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

  it('holds each invocation’s own function lines when 20 run at once on one environment', async () => {
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

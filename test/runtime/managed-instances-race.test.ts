/**
 * The data race Lambda Managed Instances brings to module-scope request state, in real environments: 20
 * concurrent invocations on one environment share its worker's module scope, so a module variable holding
 * "the current request" is overwritten by each new request, while the kit's AsyncLocalStorage scope
 * (functions/kit/request-scope.ts) keeps one per request. AWS: "Node.js runtime for Lambda Managed
 * Instances", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 * (concurrent requests share module state; use AsyncLocalStorage for request-scoped data).
 */
import type { FunctionDefinition, InvokeResult, LocalLambda } from '../../local/runtime';
import { fixture, json, startRuntime } from './support';

/** A fixture on Managed Instances: one environment of one vCPU with one worker, up to 32 invocations at once. */
function lmi(folder: string): FunctionDefinition {
  return fixture(folder, {
    name: `lmi-${folder}`,
    memorySize: 2048,
    environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' },
    managedInstances: { maxConcurrency: 32, minEnvironments: 1, maxEnvironments: 1 },
  });
}

interface Answer {
  readonly requestId: string;
  readonly expected: string;
  readonly pid: number;
}

async function burst(rt: LocalLambda, name: string, count: number): Promise<Answer[]> {
  const results: InvokeResult[] = await Promise.all(
    Array.from({ length: count }, () => rt.invoke(name, { holdMs: 200 })),
  );
  return results.map((r) => json(r.payload) as unknown as Answer);
}

describe('Managed Instances: request state in module scope races, the request scope does not', () => {
  let rt: LocalLambda;
  beforeAll(async () => {
    rt = await startRuntime([
      lmi('naive-request-state'),
      lmi('scoped-request-state'),
      fixture('naive-request-state', { name: 'classic-naive-request-state' }),
    ]);
  });
  afterAll(() => rt.stop());

  it('answers other requests’ ids from a module variable when 20 invocations run at once on one environment', async () => {
    // Act
    const answers = await burst(rt, 'lmi-naive-request-state', 20);
    // Assess
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    const own = new Set(answers.map((a) => a.expected));
    expect(own.size).toBe(20);
    const wrong = answers.filter((a) => a.requestId !== a.expected);
    // Each request wrote its id and then waited while the others wrote theirs: most read back another's.
    expect(wrong.length).toBeGreaterThanOrEqual(10);
    // What they read is a real id of this burst, not garbage: state leaked from one request into another.
    expect(wrong.every((a) => own.has(a.requestId))).toBe(true);
  });

  it('answers each request’s own id from the kit’s request scope when 20 invocations run at once on one environment', async () => {
    // Act
    const answers = await burst(rt, 'lmi-scoped-request-state', 20);
    // Assess
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    expect(new Set(answers.map((a) => a.expected)).size).toBe(20);
    expect(answers.filter((a) => a.requestId !== a.expected)).toEqual([]);
  });

  it('answers its own id from the same module variable in classic mode, where each environment runs one invocation', async () => {
    // Act
    const answers = await burst(rt, 'classic-naive-request-state', 4);
    // Assess
    expect(new Set(answers.map((a) => a.pid)).size).toBe(4);
    expect(answers.filter((a) => a.requestId !== a.expected)).toEqual([]);
  });
});

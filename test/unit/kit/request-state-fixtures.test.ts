import * as path from 'node:path';

// The two fixtures the real-process LMI tests run, exercised here in one module scope: what one worker
// thread of Lambda Managed Instances does with concurrent requests.
const fixtures = path.join(__dirname, '../../fixtures/functions');

type Handler = (
  event: { holdMs: number },
  context: { awsRequestId: string },
) => Promise<{ requestId: string | undefined; expected: string }>;

function load(name: string): Handler {
  return (require(path.join(fixtures, name, 'index.js')) as { handler: Handler }).handler;
}

/** Ten interleaved invocations: each starts before the earlier ones finish, and the first started waits longest. */
function interleaved(handler: Handler) {
  return Promise.all(
    Array.from({ length: 10 }, (_, i) => handler({ holdMs: 5 + (10 - i) * 3 }, { awsRequestId: `req-${i}` })),
  );
}

describe('request-state fixtures', () => {
  it('naive-request-state answers another request’s id when requests interleave (the race)', async () => {
    // Prepare
    const handler = load('naive-request-state');
    // Act
    const answers = await interleaved(handler);
    // Assess
    // Every request read the variable after the last one to start had overwritten it.
    expect(answers.map((a) => a.requestId)).toEqual(Array(10).fill('req-9'));
    expect(answers.filter((a) => a.requestId !== a.expected)).toHaveLength(9);
  });

  it('naive-request-state is right when requests do not overlap, so only concurrency breaks it', async () => {
    // Prepare
    const handler = load('naive-request-state');
    // Act
    const first = await handler({ holdMs: 1 }, { awsRequestId: 'a' });
    const second = await handler({ holdMs: 1 }, { awsRequestId: 'b' });
    // Assess
    expect([first.requestId, second.requestId]).toEqual(['a', 'b']);
  });

  it('scoped-request-state answers each request’s own id however they interleave (the kit’s AsyncLocalStorage)', async () => {
    // Prepare
    const handler = load('scoped-request-state');
    // Act
    const answers = await interleaved(handler);
    // Assess
    expect(answers.map((a) => a.requestId)).toEqual(Array.from({ length: 10 }, (_, i) => `req-${i}`));
    expect(answers.filter((a) => a.requestId !== a.expected)).toEqual([]);
  });
});

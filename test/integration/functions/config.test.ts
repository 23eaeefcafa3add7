import { waitFor } from '../../support/wait';
import {
  body,
  CONFIG_PATH,
  captureStdout,
  httpEvent,
  lambdaContext,
  loadFunction,
  type MockParameter,
} from './support/environment';

const SECRET = 'Sup3r-S3cret-Pa55word';
const parameters: MockParameter[] = [
  { name: 'app/message', value: 'hello from ssm' },
  { name: 'app/feature-flags', value: 'a,b' },
  { name: 'db/host', value: 'db.internal' },
  { name: 'db/port', value: '5432' },
  { name: 'db/database', value: 'app' },
  { name: 'db/user', value: 'app' },
  { name: 'db/ssl', value: 'require' },
  { name: 'db/password', value: SECRET, type: 'SecureString' },
];

beforeAll(() => {
  process.env.CONFIG_PATH = CONFIG_PATH;
  process.env.LOG_LEVEL = 'debug';
});

describe('config function (reuse)', () => {
  it('starts loading from SSM during INIT, before the first invocation', () => {
    // Prepare / Act
    const env = loadFunction('functions/config/handler', parameters);
    // Assess
    expect(env.ssmMock.calls()[0]?.args[0].input).toMatchObject({
      Path: CONFIG_PATH,
      Recursive: true,
      WithDecryption: true,
    });
  });

  it('serves warm invocations from memory: one SSM call for many invocations', async () => {
    // Prepare
    const env = loadFunction('functions/config/handler', parameters);
    // Act
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(body(await env.handler(httpEvent('GET', '/config'), lambdaContext())));
    // Assess
    expect(env.ssmCalls()).toBe(1);
    expect(results.map((r) => r.ssmCallsTotal)).toEqual([1, 1, 1]);
    // The one call began during INIT, before any of these requests.
    expect(results.map((r) => r.ssmCallsThisRequest)).toEqual([0, 0, 0]);
    expect(results[2]).toMatchObject({
      mode: 'reuse',
      message: 'hello from ssm',
      featureFlags: ['a', 'b'],
      parameters: { 'app/message': 'hello from ssm', 'db/host': 'db.internal' },
      loadedAt: expect.any(String),
      ageMs: expect.any(Number),
      instanceId: results[0]?.instanceId,
    });
  });

  it('fetches again on ?refresh=1', async () => {
    // Prepare
    const env = loadFunction('functions/config/handler', parameters);
    await env.handler(httpEvent('GET', '/config'), lambdaContext());
    // Act
    const refreshed = body(await env.handler(httpEvent('GET', '/config', { refresh: '1' }), lambdaContext()));
    // Assess
    expect(refreshed).toMatchObject({ ssmCallsThisRequest: 1, ssmCallsTotal: 2 });
    expect(env.ssmCalls()).toBe(2);
  });

  it('never returns or logs a SecureString value, even when a refresh fails with an error quoting it', async () => {
    // Prepare: with a TTL of 0 every invocation refreshes in the background. After the first load, SSM
    // fails with a message that quotes the secret; the warning about that failure must not.
    let ssmFails = false;
    process.env.CONFIG_TTL_MS = '0';
    let env: ReturnType<typeof loadFunction>;
    try {
      env = loadFunction('functions/config/handler', () => {
        if (ssmFails)
          throw Object.assign(new Error(`parameter value ${SECRET} failed validation`), {
            name: 'ValidationException',
          });
        return parameters;
      });
    } finally {
      delete process.env.CONFIG_TTL_MS;
    }
    await env.handler(httpEvent('GET', '/config'), lambdaContext());
    ssmFails = true;
    // Act
    const { result, lines } = await captureStdout(async (seen) => {
      const served = await env.handler(httpEvent('GET', '/config'), lambdaContext());
      await waitFor(() => seen.length > 0);
      return served;
    });
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).not.toContain(SECRET);
    expect(body(result).parameters).not.toHaveProperty('db/password');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'background config load failed',
        error: expect.objectContaining({ name: 'ValidationException' }),
      }),
    );
    for (const line of lines) expect(line).not.toContain(SECRET);
  });

  it('answers 503 CONFIG_UNAVAILABLE without a stack when SSM fails, and logs the error', async () => {
    // Prepare
    const env = loadFunction('functions/config/handler', () => {
      throw Object.assign(new Error('User is not authorized to perform ssm:GetParametersByPath'), {
        name: 'AccessDeniedException',
      });
    });
    // Act
    const { result, lines } = await captureStdout(() => env.handler(httpEvent('GET', '/config'), lambdaContext()));
    // Assess
    expect(result.statusCode).toBe(503);
    expect(body(result)).toMatchObject({ code: 'ECONFIGUNAVAILABLE' });
    expect(result.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ level: 'error', error: expect.objectContaining({ code: 'ECONFIGUNAVAILABLE' }) }),
    );
  });

  it('answers 500 CONFIG_INVALID naming the parameter when a value is invalid', async () => {
    // Prepare
    const env = loadFunction('functions/config/handler', [
      ...parameters.filter((p) => p.name !== 'db/port'),
      { name: 'db/port', value: 'eighty' },
    ]);
    // Act
    const result = await env.handler(httpEvent('GET', '/config'), lambdaContext());
    // Assess
    expect(result.statusCode).toBe(500);
    expect(body(result)).toMatchObject({ code: 'ECONFIGINVALID', parameter: 'db/port' });
  });
});

describe('config function (naive twin)', () => {
  it('fetches everything from SSM on every call, with the same shape plus mode naive', async () => {
    // Prepare
    const reuse = loadFunction('functions/config/handler', parameters);
    const naive = loadFunction('functions/config/naive', parameters);
    const reuseBody = body(await reuse.handler(httpEvent('GET', '/config'), lambdaContext()));
    // Act
    const first = body(await naive.handler(httpEvent('GET', '/config/naive'), lambdaContext()));
    const second = body(await naive.handler(httpEvent('GET', '/config/naive'), lambdaContext()));
    // Assess
    expect(naive.ssmCalls()).toBe(2);
    expect(first.mode).toBe('naive');
    expect(Object.keys(second).sort()).toEqual(Object.keys(reuseBody).sort());
    expect(second).toMatchObject({ message: 'hello from ssm', ssmCallsThisRequest: 1, ssmCallsTotal: 2 });
    expect(JSON.stringify(second)).not.toContain(SECRET);
  });
});

import { createTestDatabase, dropTestDatabase } from './support/database';
import { body, CONFIG_PATH, httpEvent, lambdaContext, loadFunction, type MockParameter } from './support/environment';

let database: { name: string; url: string };
let parameters: MockParameter[];

beforeAll(async () => {
  process.env.CONFIG_PATH = CONFIG_PATH;
  process.env.BREAKER_TIMEOUT_MS = '300';
  process.env.BREAKER_RESET_MS = '60000';
  process.env.BREAKER_ERROR_THRESHOLD_PERCENTAGE = '50';
  process.env.BREAKER_VOLUME_THRESHOLD = '2';
  database = await createTestDatabase('lrl_fn_breaker');
  parameters = [{ name: 'db/url', value: database.url, type: 'SecureString' }];
});

afterAll(async () => {
  await dropTestDatabase(database.name);
});

const call = async (env: ReturnType<typeof loadFunction>, fault?: string) =>
  env.handler(httpEvent('GET', '/breaker', fault ? { fault } : {}), lambdaContext());

describe('breaker function', () => {
  it('reads the database through a closed breaker', async () => {
    // Prepare
    const env = loadFunction('functions/breaker/handler', parameters);
    // Act
    const result = await call(env);
    // Assess
    expect(result.statusCode).toBe(200);
    expect(body(result)).toMatchObject({
      mode: 'reuse',
      state: 'closed',
      fromFallback: false,
      fallbackReason: null,
      fallbackErrorCode: null,
      result: { backendPid: expect.any(Number), now: expect.any(String) },
      stats: { fires: 1, successes: 1, failures: 0 },
      instanceId: expect.any(String),
    });
  });

  it('answers from the fallback when the call fails, and opens after enough failures', async () => {
    // Prepare
    const env = loadFunction('functions/breaker/handler', parameters);
    // Act
    const first = body(await call(env, 'fail'));
    const second = body(await call(env, 'fail'));
    const healthy = body(await call(env));
    // Assess
    expect(first).toMatchObject({
      fromFallback: true,
      state: 'closed',
      result: { degraded: true, reason: 'EINJECTED' },
    });
    expect(second).toMatchObject({ fromFallback: true, state: 'open' });
    expect(healthy).toMatchObject({
      fromFallback: true,
      state: 'open',
      result: { degraded: true, reason: 'EOPENBREAKER' },
    });
    expect(healthy.stats).toMatchObject({ rejects: 1, failures: 2 });
    expect(first).toMatchObject({ fallbackReason: 'error', fallbackErrorCode: 'EINJECTED' });
    // The failure that tipped the rate: answered because it failed, and the breaker is open after it.
    expect(second).toMatchObject({ fallbackReason: 'error', fallbackErrorCode: 'EINJECTED' });
    expect(healthy).toMatchObject({ fallbackReason: 'open', fallbackErrorCode: 'EOPENBREAKER' });
  });

  it('answers from the fallback with ETIMEDOUT when the call hangs past the breaker timeout', async () => {
    // Prepare
    const env = loadFunction('functions/breaker/handler', parameters);
    // Act
    const result = body(await call(env, 'hang'));
    // Assess
    expect(result).toMatchObject({
      fromFallback: true,
      result: { degraded: true, reason: 'ETIMEDOUT' },
      stats: { timeouts: 1 },
      fallbackReason: 'timeout',
      fallbackErrorCode: 'ETIMEDOUT',
    });
  });

  it('keeps breaker state per environment: a new environment starts closed', async () => {
    // Prepare
    const tripped = loadFunction('functions/breaker/handler', parameters);
    await call(tripped, 'fail');
    await call(tripped, 'fail');
    // Act
    const fresh = body(await call(loadFunction('functions/breaker/handler', parameters)));
    const stillOpen = body(await call(tripped));
    // Assess
    expect(fresh).toMatchObject({ state: 'closed', fromFallback: false });
    expect(stillOpen).toMatchObject({ state: 'open', fromFallback: true });
  });

  it('rejects an unknown fault with 400', async () => {
    // Prepare
    const env = loadFunction('functions/breaker/handler', parameters);
    // Act
    const result = await call(env, 'explode');
    // Assess
    expect(result.statusCode).toBe(400);
    expect(body(result)).toMatchObject({ code: 'EBADFAULT' });
  });
});

import { type RunningSecretsManagerServer, startSecretsManagerServer } from '../../../local/secrets-manager';
import { testDatabaseUrl } from '../../support/database';
import { createTestDatabase, dropTestDatabase } from './support/database';
import {
  body,
  CONFIG_PATH,
  captureStdout,
  httpEvent,
  lambdaContext,
  loadFunction,
  type MockParameter,
} from './support/environment';

/*
 * Managed mode as deployed: db/* parameters in SSM (a mock: AWS cannot run here) name the database,
 * DB_SECRET_ARN names the RDS-managed secret, and the password comes from GetSecretValue, served by
 * the real local Secrets Manager endpoint through the functions' own SDK client.
 */
let database: { name: string; url: string };
let parameters: MockParameter[];
let secrets: RunningSecretsManagerServer;
let arn: string;
const calls: string[] = [];
let password: string;
const saved = { ...process.env };

beforeAll(async () => {
  database = await createTestDatabase('lrl_fn_managed');
  const url = new URL(testDatabaseUrl());
  password = decodeURIComponent(url.password);
  parameters = [
    { name: 'db/host', value: url.hostname },
    { name: 'db/port', value: url.port },
    { name: 'db/database', value: database.name },
    { name: 'db/user', value: decodeURIComponent(url.username) },
    { name: 'db/ssl', value: 'disable' },
    { name: 'db/password-secret-id', value: 'set by the stack; the kit reads DB_SECRET_ARN' },
  ];
  secrets = await startSecretsManagerServer({
    port: 0,
    secrets: [
      { name: 'rds!db-local', secretString: JSON.stringify({ username: url.username, password }), arnSuffix: 'a1b2c3' },
    ],
    log: (line) => calls.push(line),
  });
  arn = secrets.store.list()[0]?.arn ?? '';
  Object.assign(process.env, {
    CONFIG_PATH,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    BREAKER_VOLUME_THRESHOLD: '2',
  });
});

beforeEach(() => {
  process.env.DB_SECRET_ARN = arn;
  calls.length = 0;
});

afterAll(async () => {
  process.env = saved;
  await secrets.stop();
  await dropTestDatabase(database.name);
});

describe('database functions in managed mode (password from Secrets Manager)', () => {
  it('db reads the secret once per environment and keeps its connection over warm invocations', async () => {
    // Prepare
    const env = loadFunction('functions/db/handler', parameters);
    // Act
    const { result, lines } = await captureStdout(async () => {
      const answers = [];
      for (let i = 0; i < 3; i += 1) answers.push(await env.handler(httpEvent('POST', '/db'), lambdaContext()));
      return answers;
    });
    // Assess
    expect(result.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(result.map((r) => body(r).backendPid)).size).toBe(1);
    expect(calls).toEqual([`SecretsManager GetSecretValue ${arn} 200`]);
    for (const r of result) expect(r.body).not.toContain(password);
    for (const line of lines) expect(line).not.toContain(password);
  });

  it('db-naive reads the secret on every call, as it reads the config', async () => {
    // Prepare
    const env = loadFunction('functions/db/naive', parameters);
    // Act
    const a = await env.handler(httpEvent('POST', '/db/naive'), lambdaContext());
    const b = await env.handler(httpEvent('POST', '/db/naive'), lambdaContext());
    // Assess
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(body(b).backendPid).not.toBe(body(a).backendPid);
    expect(calls).toHaveLength(2);
  });

  it('breaker reads the database with the secret, and its fallback answers when the call fails', async () => {
    // Prepare
    const env = loadFunction('functions/breaker/handler', parameters);
    // Act
    const healthy = body(await env.handler(httpEvent('GET', '/breaker'), lambdaContext()));
    const failed = body(await env.handler(httpEvent('GET', '/breaker', { fault: 'fail' }), lambdaContext()));
    // Assess
    expect(healthy).toMatchObject({ fromFallback: false, result: { backendPid: expect.any(Number) } });
    expect(failed).toMatchObject({ fromFallback: true, result: { degraded: true, reason: 'EINJECTED' } });
    expect(calls).toHaveLength(1);
  });

  it('answers 503 EDBSECRETUNAVAILABLE when the secret does not exist, without its ARN or the password', async () => {
    // Prepare
    process.env.DB_SECRET_ARN = `${arn.slice(0, -6)}zzzzzz`;
    const env = loadFunction('functions/db/handler', parameters);
    // Act
    const result = await env.handler(httpEvent('POST', '/db'), lambdaContext());
    // Assess
    expect(result.statusCode).toBe(503);
    expect(body(result)).toMatchObject({ code: 'EDBSECRETUNAVAILABLE' });
    expect(result.body).not.toContain('secretsmanager');
  });

  it('answers 500 naming DB_SECRET_ARN when the stack is in managed mode but the variable is unset', async () => {
    // Prepare
    delete process.env.DB_SECRET_ARN;
    const env = loadFunction('functions/db/handler', parameters);
    // Act
    const result = await env.handler(httpEvent('POST', '/db'), lambdaContext());
    // Assess
    expect(result.statusCode).toBe(500);
    expect(body(result)).toMatchObject({ code: 'EKITOPTION' });
    expect(String(body(result).message)).toContain('DB_SECRET_ARN');
    expect(calls).toHaveLength(0);
  });
});

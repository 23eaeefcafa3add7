import { createInstance } from '../../../functions/kit/instance';
import { createLogger } from '../../../functions/kit/logger';
import { DbSecretUnavailableError, loadDbSecretOnce, startDbSecret } from '../../../functions/kit/secrets';
import { startSecretsManagerServer } from '../../../local/secrets-manager';
import { localSecretsManagerClient } from '../../secrets-manager/client';
import { waitFor } from '../../support/wait';

const password = 'pw-from-secrets-manager';
const secretString = JSON.stringify({ username: 'postgres', password });

/** A real local Secrets Manager endpoint, counting the GetSecretValue calls it serves. */
async function endpoint(port = 0) {
  const calls: string[] = [];
  const server = await startSecretsManagerServer({
    port,
    secrets: [{ name: 'rds!db-local', secretString, arnSuffix: 'a1b2c3' }],
    log: (line) => calls.push(line),
  });
  const arn = server.store.list()[0]?.arn ?? '';
  return { server, calls, arn, client: localSecretsManagerClient(server.url) };
}

function setup(e: Awaited<ReturnType<typeof endpoint>>, env: Record<string, string> = {}) {
  const clock = { t: 0 };
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), instance: createInstance(), env: {} });
  const secret = startDbSecret({
    env: { DB_SECRET_ARN: e.arn, DB_SECRET_TTL_MS: '1000', DB_SECRET_MAX_STALE_MS: '10000', ...env },
    client: e.client,
    now: () => clock.t,
    logger,
  });
  if (!secret) throw new Error('DB_SECRET_ARN was set');
  return { clock, lines, secret };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('startDbSecret against the local Secrets Manager endpoint', () => {
  let e: Awaited<ReturnType<typeof endpoint>>;
  beforeEach(async () => {
    e = await endpoint();
  });
  afterEach(async () => {
    e.client.destroy();
    await e.server.stop();
  });

  it('reads the password by DB_SECRET_ARN at creation, before the first get(), and never serialises it', async () => {
    // Prepare
    const s = setup(e);
    // Act: the endpoint is called although nobody has asked yet.
    await waitFor(() => e.calls.length === 1, 5_000);
    const credentials = await s.secret.get();
    // Assess
    expect(e.calls).toEqual([`SecretsManager GetSecretValue ${e.arn} 200`]);
    expect(credentials.password).toBe(password);
    expect(credentials.username).toBe('postgres');
    expect(JSON.stringify(credentials)).toBe('{"username":"postgres"}');
    expect(Object.keys(credentials)).not.toContain('password');
  });

  it('serves from memory within the TTL and refreshes in the background after it, picking up a rotated password', async () => {
    // Prepare
    const s = setup(e);
    await s.secret.get();
    // Act
    s.clock.t = 500;
    await s.secret.get();
    const callsWithinTtl = e.calls.length;
    e.server.store.put({
      name: 'rds!db-local',
      secretString: JSON.stringify({ username: 'postgres', password: 'rotated' }),
    });
    s.clock.t = 1_500;
    const servedWhileRefreshing = await s.secret.get();
    await waitFor(() => e.calls.length === 2, 5_000);
    // The endpoint has answered; the cache takes the answer a moment later.
    let afterRefresh = servedWhileRefreshing;
    for (let i = 0; i < 100 && afterRefresh.password !== 'rotated'; i += 1) {
      await settle();
      afterRefresh = await s.secret.get();
    }
    // Assess
    expect(callsWithinTtl).toBe(1);
    expect(servedWhileRefreshing.password).toBe(password);
    expect(afterRefresh.password).toBe('rotated');
    expect(s.secret.calls).toBe(2);
  });

  it('shares one GetSecretValue among 10 concurrent readers (single-flight)', async () => {
    // Prepare
    const s = setup(e);
    // Act
    const all = await Promise.all(Array.from({ length: 10 }, () => s.secret.get()));
    // Assess
    expect(all.every((c) => c.password === password)).toBe(true);
    expect(e.calls).toHaveLength(1);
    expect(s.secret.calls).toBe(1);
  });

  it('keeps serving the copy in memory while the endpoint is down (stale-if-error), then fails past max staleness', async () => {
    // Prepare
    const s = setup(e);
    await s.secret.get();
    await e.server.stop();
    // Act
    s.clock.t = 5_000;
    const stale = await s.secret.get();
    await waitFor(() => s.lines.some((l) => l.includes('background database secret read failed')), 5_000);
    s.clock.t = 20_000;
    const tooOld = await s.secret.get().catch((err: unknown) => err);
    // Assess
    expect(stale.password).toBe(password);
    expect(tooOld).toBeInstanceOf(DbSecretUnavailableError);
    expect(tooOld).toMatchObject({ code: 'EDBSECRETUNAVAILABLE', statusCode: 503 });
    expect((tooOld as Error).message).toMatch(/DB_SECRET_ARN.*could not be read.*20000 ms old/);
    const warnings = s.lines.filter((l) => l.includes('background database secret read failed'));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toContain('"servingCopyInMemory":true');
  });

  it('fails with DbSecretUnavailableError when the secret does not exist, and never logs or returns the password', async () => {
    // Prepare
    const s = setup(e, { DB_SECRET_ARN: `${e.arn.slice(0, -6)}zzzzzz` });
    // Act
    const err = await s.secret.get().catch((x: unknown) => x);
    // Assess
    expect(err).toBeInstanceOf(DbSecretUnavailableError);
    expect((err as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    for (const line of s.lines) expect(line).not.toContain(password);
  });

  it('never writes the password into a log line, even when a caller logs the credentials or the raw secret', async () => {
    // Prepare
    const s = setup(e);
    const credentials = await s.secret.get();
    const logger = createLogger({ write: (l) => s.lines.push(l), instance: createInstance(), env: {} });
    // Act
    logger.info('connecting', { credentials, raw: secretString, text: `password is ${credentials.password}` });
    // Assess
    const last = s.lines.at(-1) ?? '';
    expect(last).toContain('connecting');
    expect(last).not.toContain(password);
  });

  it('is undefined without DB_SECRET_ARN (external mode: db/url holds the credentials)', () => {
    // Act / Assess
    expect(startDbSecret({ env: {}, client: e.client })).toBeUndefined();
    expect(startDbSecret({ env: { DB_SECRET_ARN: ' ' }, client: e.client })).toBeUndefined();
  });

  it('refuses a DB_SECRET_MAX_STALE_MS below DB_SECRET_TTL_MS at start, naming the variable', () => {
    // Act / Assess
    expect(() =>
      startDbSecret({ env: { DB_SECRET_ARN: e.arn, DB_SECRET_TTL_MS: '5000', DB_SECRET_MAX_STALE_MS: '10' } }),
    ).toThrow(/DB_SECRET_MAX_STALE_MS/);
  });
});

describe('loadDbSecretOnce (the naive way)', () => {
  it('makes one GetSecretValue per call, and is undefined without DB_SECRET_ARN', async () => {
    // Prepare
    const e = await endpoint();
    try {
      // Act
      const a = await loadDbSecretOnce({ env: { DB_SECRET_ARN: e.arn }, client: e.client });
      const b = await loadDbSecretOnce({ env: { DB_SECRET_ARN: e.arn }, client: e.client });
      const none = await loadDbSecretOnce({ env: {}, client: e.client });
      // Assess
      expect(a?.password).toBe(password);
      expect(b?.password).toBe(password);
      expect(e.calls).toHaveLength(2);
      expect(none).toBeUndefined();
    } finally {
      e.client.destroy();
      await e.server.stop();
    }
  });
});

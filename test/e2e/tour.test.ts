import { statSync } from 'node:fs';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { cleanup, explained, getJson, ownDatabase, sleep, snapshotStack, startStack, tempDir } from './support';

const prefix = '/lambda-reuse-lab/dev/';
const client = (endpoint: string): SSMClient =>
  new SSMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

async function value(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
  } catch (err) {
    if (err instanceof ParameterNotFound) return undefined;
    throw err;
  }
}

describe('the README tour, against the real stack', () => {
  let stackFile: string;
  let databaseUrl: string;

  beforeAll(async () => {
    stackFile = await snapshotStack();
    databaseUrl = await ownDatabase('e2e_tour');
  });
  afterAll(() => cleanup());

  it('keeps a PutParameter and a DeleteParameter across a restart, in a 0600 file, until --reset', async () => {
    // Prepare: one data folder for three starts, as `npm start` reuses .local/pg.
    const pgDataDir = tempDir('lrl-e2e-tour-pg-');
    const secret = `kept-secret-${Date.now()}`;
    const message = `kept across restarts ${Date.now()}`;
    const first = await startStack({ stackFile, pgDataDir, args: ['--database-url', databaseUrl] });
    let ssm = client(first.ssm);
    const original = await value(ssm, `${prefix}app/message`);
    const flags = await value(ssm, `${prefix}app/feature-flags`);
    await ssm.send(
      new PutParameterCommand({ Name: `${prefix}app/message`, Value: message, Type: 'String', Overwrite: true }),
    );
    await ssm.send(new PutParameterCommand({ Name: `${prefix}app/token`, Value: secret, Type: 'SecureString' }));
    await ssm.send(new DeleteParameterCommand({ Name: `${prefix}app/feature-flags` }));
    ssm.destroy();
    await first.stop();

    // Act: a plain restart, then one with --reset.
    const second = await startStack({ stackFile, pgDataDir, args: ['--database-url', databaseUrl] });
    ssm = client(second.ssm);
    const afterRestart = {
      message: await value(ssm, `${prefix}app/message`),
      token: await value(ssm, `${prefix}app/token`),
      flags: await value(ssm, `${prefix}app/feature-flags`),
    };
    const config = await getJson<{ message: string }>(`${second.httpApi}/config`);
    ssm.destroy();
    await second.stop();
    const fileMode = statSync(`${pgDataDir}.ssm-parameters.json`).mode & 0o777;
    const third = await startStack({ stackFile, pgDataDir, args: ['--database-url', databaseUrl, '--reset'] });
    ssm = client(third.ssm);
    const afterReset = {
      message: await value(ssm, `${prefix}app/message`),
      token: await value(ssm, `${prefix}app/token`),
      flags: await value(ssm, `${prefix}app/feature-flags`),
    };
    ssm.destroy();
    await third.stop();

    // Assess
    await explained(second, () => {
      expect(original).toBeDefined();
      expect(flags).toBeDefined();
      expect(afterRestart).toEqual({ message, token: secret, flags: undefined });
      expect(config.body.message).toBe(message);
      expect(second.output()).toMatch(/Restored local SSM changes to .*app\/message/);
      expect(fileMode).toBe(0o600);
      expect(afterReset).toEqual({ message: original, token: undefined, flags });
      for (const run of [first, second, third]) expect(run.output()).not.toContain(secret);
    });
  });

  it('shows one id per environment: the response, /_local/environments and the log prefix agree', async () => {
    // Prepare
    const stack = await startStack({ stackFile, args: ['--database-url', databaseUrl] });
    try {
      // Act: config logs nothing per request, so the log prefix can only come from the runtime.
      const hello = await getJson<{ instanceId: string }>(`${stack.httpApi}/hello`);
      const config = await getJson<{ instanceId: string }>(`${stack.httpApi}/config`);
      const { body: environments } = await getJson<Array<{ id: string; function: string }>>(
        `${stack.lambdaApi}/_local/environments`,
      );
      // Assess
      await explained(stack, () => {
        for (const [name, body] of [
          ['hello', hello.body],
          ['config', config.body],
        ] as const) {
          const env = environments.find((e) => e.id === body.instanceId);
          expect(env?.function).toMatch(new RegExp(`-${name}$`));
          expect(
            stack.lines.some((l) => l.startsWith(`[${name} ${body.instanceId.slice(0, 8)}] START RequestId:`)),
          ).toBe(true);
        }
      });
    } finally {
      await stack.stop();
    }
  });

  it('says why the breaker fallback answered: the error first, then open', async () => {
    // Prepare
    const stack = await startStack({ stackFile, args: ['--database-url', databaseUrl] });
    try {
      // Act: sequential calls reach one environment, hence one breaker.
      const answers: Array<Record<string, unknown>> = [];
      for (const fault of ['none', 'fail', 'fail', 'fail', 'none']) {
        answers.push((await getJson<Record<string, unknown>>(`${stack.httpApi}/breaker?fault=${fault}`)).body);
      }
      // Assess
      await explained(stack, () => {
        expect(answers[0]).toMatchObject({ state: 'closed', fromFallback: false, fallbackReason: null });
        expect(answers[1]).toMatchObject({
          fromFallback: true,
          fallbackReason: 'error',
          fallbackErrorCode: 'EINJECTED',
        });
        expect(answers.at(-1)).toMatchObject({
          state: 'open',
          fromFallback: true,
          fallbackReason: 'open',
          fallbackErrorCode: 'EOPENBREAKER',
        });
      });
    } finally {
      await stack.stop();
    }
  });

  it('past its TTL answers the old copy at once and starts one refresh, whose value a later call shows', async () => {
    // Prepare: a 1 s TTL; the environment is frozen between calls, as on Lambda.
    const stack = await startStack({
      stackFile,
      args: ['--database-url', databaseUrl, '--env', 'config.CONFIG_TTL_MS=1000'],
    });
    const ssm = client(stack.ssm);
    try {
      const before = (await getJson<Record<string, number>>(`${stack.httpApi}/config`)).body;
      const changed = `refreshed ${Date.now()}`;
      await ssm.send(
        new PutParameterCommand({ Name: `${prefix}app/message`, Value: changed, Type: 'String', Overwrite: true }),
      );
      await sleep(1_200);
      // Act: calls back to back until the new value shows (bounded).
      const seen: Array<{ message: string; ssmCallsThisRequest: number; ssmCallsTotal: number; ageMs: number }> = [];
      while (seen.length < 20 && seen.at(-1)?.message !== changed) {
        seen.push((await getJson<(typeof seen)[number]>(`${stack.httpApi}/config`)).body);
      }
      // Assess
      await explained(stack, () => {
        const [first, ...rest] = seen;
        // The call that found the copy stale: the old value, at once, and the refresh begun.
        expect(first).toMatchObject({ ssmCallsThisRequest: 1, ssmCallsTotal: Number(before.ssmCallsTotal) + 1 });
        expect(first?.message).not.toBe(changed);
        expect(first?.ageMs).toBeGreaterThan(1_000);
        // The refresh finishes during later thaws: no further SSM call, then the new value.
        expect(rest.length).toBeGreaterThanOrEqual(1);
        expect(rest.every((r) => r.ssmCallsThisRequest === 0 && r.ssmCallsTotal === first?.ssmCallsTotal)).toBe(true);
        expect(rest.at(-1)?.message).toBe(changed);
      });
    } finally {
      ssm.destroy();
      await stack.stop();
    }
  });
});

import { cleanup, explained, getJson, ownDatabase, type StackProcess, snapshotStack, startStack } from './support';

interface Hello {
  instanceId: string;
  invocation: number;
  coldStart: boolean;
}

describe('npm start serves warm and concurrent calls as Lambda does', () => {
  let databaseUrl: string;
  let stackFile: string;

  beforeAll(async () => {
    stackFile = await snapshotStack();
    databaseUrl = await ownDatabase('e2e_hello');
  });
  afterAll(() => cleanup());

  it('serves 20 sequential calls from one instance, counting invocations 1 to 20', async () => {
    // Prepare
    const stack: StackProcess = await startStack({ stackFile, args: ['--database-url', databaseUrl] });
    try {
      // Act
      const answers: Hello[] = [];
      for (let i = 0; i < 20; i += 1) {
        const { status, body } = await getJson<Hello>(`${stack.httpApi}/hello`);
        expect(status).toBe(200);
        answers.push(body);
      }
      // Assess
      expect(new Set(answers.map((a) => a.instanceId)).size).toBe(1);
      expect(answers.map((a) => a.invocation)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(answers.map((a) => a.coldStart)).toEqual([true, ...Array<boolean>(19).fill(false)]);
      expect(stack.output()).toMatch(
        /\[hello [0-9a-f]{8}\] REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/,
      );
    } finally {
      await stack.stop();
    }
  });

  it('serves 10 concurrent calls on a cold pool from 10 instances', async () => {
    // Prepare: calls that each last 1.5 s (the breaker's timeout on a hanging dependency), so all 10
    // are in flight together even on two loaded cores, where a 1 ms /hello could finish, and its
    // environment be free again, before the last request of the burst is dispatched.
    const stack = await startStack({
      stackFile,
      args: ['--database-url', databaseUrl, '--env', 'breaker.BREAKER_TIMEOUT_MS=1500'],
    });
    try {
      // Act
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          getJson<{ instanceId: string; fromFallback: boolean; result: { reason?: string } }>(
            `${stack.httpApi}/breaker?fault=hang`,
          ),
        ),
      );
      // Assess
      await explained(stack, () => expect(answers.map((a) => a.status)).toEqual(Array<number>(10).fill(200)));
      expect(answers.every((a) => a.body.fromFallback && a.body.result.reason === 'ETIMEDOUT')).toBe(true);
      expect(new Set(answers.map((a) => a.body.instanceId)).size).toBe(10);
      const { body: environments } = await getJson<Array<{ function: string; invocations: number }>>(
        `${stack.lambdaApi}/_local/environments`,
      );
      const breakers = environments.filter((e) => e.function.endsWith('-breaker'));
      expect(breakers.map((e) => e.invocations)).toEqual(Array<number>(10).fill(1));
    } finally {
      await stack.stop();
    }
  });
});

import type { ViewState } from '../../local/view';
import {
  cleanup,
  explained,
  getJson,
  ownDatabase,
  type StackProcess,
  sleep,
  snapshotStack,
  startStack,
} from '../e2e/support';

describe('GET /_local/state', () => {
  let stack: StackProcess;

  beforeAll(async () => {
    stack = await startStack({
      stackFile: await snapshotStack(),
      args: ['--database-url', await ownDatabase('e2e_state'), '--idle-timeout', '1'],
    });
  });
  afterAll(async () => {
    await stack?.stop();
    cleanup();
  });

  it('lists a live environment with epoch-ms times, then keeps it as ended after the idle timeout', async () => {
    // Prepare
    const before = Date.now();
    const { body: hello } = await getJson<{ instanceId: string }>(`${stack.httpApi}/hello`);
    // Act
    const live = (await getJson<ViewState>(`${stack.lambdaApi}/_local/state`)).body;
    let later = live;
    const deadline = Date.now() + 15_000;
    while (!later.environments.some((e) => e.endedAt !== undefined) && Date.now() < deadline) {
      await sleep(250);
      later = (await getJson<ViewState>(`${stack.lambdaApi}/_local/state`)).body;
    }
    // Assess
    await explained(stack, () => {
      expect(live.environments).toHaveLength(1);
      const [env] = live.environments;
      expect(env).toMatchObject({
        state: expect.stringMatching(/^(idle|frozen)$/),
        invocations: 1,
        instanceId: hello.instanceId,
      });
      expect(env?.function).toMatch(/-hello$/);
      expect(env?.shortName).toBe('hello');
      expect(env?.createdAt).toBeGreaterThanOrEqual(before - 1_000);
      expect(env?.lastUsedAt).toBeGreaterThanOrEqual(env?.createdAt ?? Infinity);
      expect(live.now).toBeGreaterThanOrEqual(env?.lastUsedAt ?? Infinity);
      expect(later.environments).toHaveLength(1);
      expect(later.environments[0]).toMatchObject({ id: env?.id, endReason: 'idle-timeout', invocations: 1 });
      expect(later.environments[0]?.endedAt).toBeGreaterThan(env?.lastUsedAt ?? Infinity);
      expect(JSON.stringify(later)).not.toMatch(/postgres:\/\/|AWS_|password/i);
    });
  });
});

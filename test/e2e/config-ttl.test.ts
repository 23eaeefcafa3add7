import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { cleanup, getJson, ownDatabase, sleep, snapshotStack, startStack } from './support';

interface Config {
  message: string;
  instanceId: string;
  ssmCallsTotal: number;
}

describe('npm start serves /config from the local SSM', () => {
  afterAll(() => cleanup());

  it('reflects a PutParameter once CONFIG_TTL_MS has passed, with no failed request in between', async () => {
    // Prepare: a 1 s TTL through the --env override.
    const stack = await startStack({
      stackFile: await snapshotStack(),
      args: ['--database-url', await ownDatabase('e2e_config'), '--env', 'config.CONFIG_TTL_MS=1000'],
    });
    const ssm = new SSMClient({
      endpoint: stack.ssm,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const initial = await getJson<Config>(`${stack.httpApi}/config`);
      expect(initial.status).toBe(200);
      const name = '/lambda-reuse-lab/dev/app/message';
      const changed = `changed at ${Date.now()}`;
      expect(initial.body.message).not.toBe(changed);
      // Act
      await ssm.send(new PutParameterCommand({ Name: name, Value: changed, Type: 'String', Overwrite: true }));
      const seen: Array<{ status: number; message: string; instanceId: string }> = [];
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const { status, body } = await getJson<Config>(`${stack.httpApi}/config`);
        seen.push({ status, message: body.message, instanceId: body.instanceId });
        if (body.message === changed) break;
        await sleep(200);
      }
      // Assess
      expect(seen.every((s) => s.status === 200)).toBe(true);
      expect(seen.at(-1)?.message).toBe(changed);
      expect(new Set([initial.body.instanceId, ...seen.map((s) => s.instanceId)]).size).toBe(1);
    } finally {
      ssm.destroy();
      await stack.stop();
    }
  });
});

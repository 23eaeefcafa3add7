import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { loadAppConfigOnce, startAppConfig } from '../../../functions/kit/config/app-source';
import { InvalidOptionError } from '../../../functions/kit/errors';
import { createLogger } from '../../../functions/kit/logger';
import { Redactor } from '../../../functions/kit/redact';

// AWS itself cannot run here: the SSM API is a mock at the client.
const ssmMock = mockClient(SSMClient);
const client = () => new SSMClient({ region: 'us-east-1' });
const flush = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  ssmMock.reset();
  ssmMock
    .on(GetParametersByPathCommand)
    .resolves({ Parameters: [{ Name: '/app/dev/app/message', Value: 'm', Type: 'String' }] });
});

describe('startAppConfig', () => {
  it('starts the SSM load as soon as it is called (module scope = INIT)', () => {
    // Prepare / Act
    startAppConfig({ client: client(), env: { CONFIG_PATH: '/app/dev/' } });
    // Assess
    expect(ssmMock.commandCalls(GetParametersByPathCommand)).toHaveLength(1);
  });

  it('takes the TTL from CONFIG_TTL_MS: stale after it, so the next get refreshes', async () => {
    // Prepare
    let t = 0;
    const { cache, source } = startAppConfig({
      client: client(),
      env: { CONFIG_PATH: '/app/dev/', CONFIG_TTL_MS: '100' },
      now: () => t,
    });
    await cache.get();
    // Act
    t = 99;
    await cache.get();
    const before = source.calls;
    t = 101;
    await cache.get();
    await flush();
    // Assess
    expect(before).toBe(1);
    expect(source.calls).toBe(2);
  });

  it('rejects a CONFIG_PATH without the trailing slash, naming it', () => {
    // Prepare / Act / Assess
    expect(() => startAppConfig({ client: client(), env: { CONFIG_PATH: '/app/dev' } })).toThrow(InvalidOptionError);
    expect(() => startAppConfig({ client: client(), env: { CONFIG_PATH: '/app/dev' } })).toThrow(
      /CONFIG_PATH.*"\/app\/dev"/,
    );
  });

  it('rejects CONFIG_MAX_STALE_MS below CONFIG_TTL_MS', () => {
    // Prepare / Act / Assess
    expect(() =>
      startAppConfig({
        client: client(),
        env: { CONFIG_PATH: '/a/', CONFIG_TTL_MS: '1000', CONFIG_MAX_STALE_MS: '10' },
      }),
    ).toThrow(/CONFIG_MAX_STALE_MS/);
  });

  it('logs a failed background load as a warning through the given logger', async () => {
    // Prepare
    ssmMock
      .on(GetParametersByPathCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l), env: {}, redactor: new Redactor() });
    // Act
    startAppConfig({ client: client(), env: { CONFIG_PATH: '/app/dev/' }, logger });
    await flush();
    await flush();
    // Assess
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', message: 'background config load failed', servingCopyInMemory: false }),
    ]);
  });
});

describe('loadAppConfigOnce', () => {
  it('loads and parses on every call with a fresh source, counting that call’s SSM requests', async () => {
    // Prepare / Act
    const a = await loadAppConfigOnce({ client: client(), env: { CONFIG_PATH: '/app/dev/' } });
    const b = await loadAppConfigOnce({ client: client(), env: { CONFIG_PATH: '/app/dev/' } });
    // Assess
    expect(a.loaded.config.message).toBe('m');
    expect([a.ssmCalls, b.ssmCalls]).toEqual([1, 1]);
    expect(ssmMock.commandCalls(GetParametersByPathCommand)).toHaveLength(2);
  });

  it('wraps an SSM failure in ConfigUnavailableError', async () => {
    // Prepare
    ssmMock.on(GetParametersByPathCommand).rejects(new Error('down'));
    // Act / Assess
    await expect(loadAppConfigOnce({ client: client(), env: { CONFIG_PATH: '/app/dev/' } })).rejects.toMatchObject({
      code: 'ECONFIGUNAVAILABLE',
    });
  });
});

import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { parseAppConfig } from '../../../functions/kit/config/app-config';
import { createAppSource } from '../../../functions/kit/config/app-source';
import { ConfigCache } from '../../../functions/kit/config/cache';
import { ConfigTooStaleError } from '../../../functions/kit/errors';
import { type RunningSsmServer, startSsmServer } from '../../../local/ssm/index';
import { localSsmClient } from '../../ssm/client';

// The config cache under Lambda Managed Instances: one worker runs many invocations at once and they share
// its module scope, so a cold or expired cache is read by many concurrent requests together
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html). These tests
// use the real SDK client against the project's local SSM endpoint and count what the server received.

const path = '/lab/dev/';
const concurrentReads = 50;

interface Setup {
  ssm: RunningSsmServer;
  client: SSMClient;
  cache: ConfigCache<ReturnType<typeof parseAppConfig>>;
  source: ReturnType<typeof createAppSource>;
  clock: { t: number };
  /** SSM read calls the server answered, by operation. */
  received: () => number;
  backgroundErrors: unknown[];
}

const opened: Setup[] = [];

async function setup(): Promise<Setup> {
  const lines: string[] = [];
  const ssm = await startSsmServer({
    port: 0,
    parameters: [{ name: `${path}app/message`, type: 'String', value: 'v1' }],
    log: (line) => lines.push(line),
  });
  const client = localSsmClient(ssm.url);
  const source = createAppSource({ client, env: { CONFIG_PATH: path } });
  const clock = { t: 0 };
  const backgroundErrors: unknown[] = [];
  const cache = new ConfigCache({
    load: () => source.load(),
    parse: parseAppConfig,
    ttlMs: 1_000,
    maxStaleMs: 10_000,
    now: () => clock.t,
    onBackgroundError: (err) => backgroundErrors.push(err),
  });
  const received = () => lines.filter((l) => /^SSM (GetParametersByPath|GetParameters?) /.test(l)).length;
  const s = { ssm, client, cache, source, clock, received, backgroundErrors };
  opened.push(s);
  return s;
}

afterEach(async () => {
  for (const s of opened.splice(0)) {
    s.client.destroy();
    await s.ssm.stop();
  }
});

const readAll = (s: Setup) => Promise.all(Array.from({ length: concurrentReads }, () => s.cache.get()));

describe('ConfigCache single-flight against the local SSM endpoint', () => {
  it('makes exactly one SSM call for 50 concurrent cold reads, and all 50 get its copy', async () => {
    // Prepare
    const s = await setup();
    // Act
    const answers = await readAll(s);
    // Assess
    expect(s.received()).toBe(1);
    expect(s.source.calls).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]?.config.message).toBe('v1');
  });

  it('refreshes with exactly one SSM call when 50 concurrent reads find the copy past its TTL', async () => {
    // Prepare
    const s = await setup();
    await s.cache.get();
    await s.client.send(
      new PutParameterCommand({ Name: `${path}app/message`, Value: 'v2', Type: 'String', Overwrite: true }),
    );
    s.clock.t = 1_500;
    // Act
    const stale = await readAll(s);
    const refreshed = await waitForMessage(s, 'v2');
    const afterRefresh = await readAll(s);
    // Assess
    // Stale-while-revalidate: none of the 50 waited for the refresh.
    expect(stale.every((a) => a.config.message === 'v1')).toBe(true);
    expect(refreshed).toBe(true);
    expect(afterRefresh.every((a) => a.config.message === 'v2')).toBe(true);
    // The cold load and one refresh, however many reads found the copy expired.
    expect(s.received()).toBe(2);
    expect(s.source.calls).toBe(2);
  });

  it('serves the stale copy to 50 concurrent reads with one failed attempt when SSM is down, then fails all past max staleness', async () => {
    // Prepare
    const s = await setup();
    await s.cache.get();
    await s.ssm.stop();
    s.clock.t = 1_500;
    // Act
    const stale = await readAll(s);
    await waitFor(() => s.backgroundErrors.length > 0);
    s.clock.t = 20_000;
    const tooStale = await Promise.allSettled(Array.from({ length: concurrentReads }, () => s.cache.get()));
    // Assess
    expect(stale.every((a) => a.config.message === 'v1')).toBe(true);
    // One failed refresh is one warning, not one per reader that found the copy expired.
    expect(s.backgroundErrors).toHaveLength(1);
    // The first load, one background attempt past the TTL, one attempt the 50 waited for past max staleness.
    expect(s.source.calls).toBe(3);
    expect(tooStale.every((r) => r.status === 'rejected' && r.reason instanceof ConfigTooStaleError)).toBe(true);
  });
});

/** Bounded wait for the background refresh to land. */
async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function waitForMessage(s: Setup, message: string): Promise<boolean> {
  await waitFor(() => s.cache.peek()?.config.message === message);
  return s.cache.peek()?.config.message === message;
}

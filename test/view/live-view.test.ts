import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cleanup, getJson, ownDatabase, type StackProcess, snapshotStack, startStack } from '../e2e/support';
import { launchBrowser } from '../support/browser';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** Invocations per drawn bar, keyed by environment id, as the chart shows them. */
async function bars(page: Page): Promise<Record<string, number>> {
  return page.$$eval('#bars g[data-instance]', (gs) =>
    Object.fromEntries(
      gs.map((g) => [g.getAttribute('data-instance') ?? '', Number(g.getAttribute('data-invocations'))]),
    ),
  );
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

describe('live view at /_local/ in a real browser', () => {
  let stack: StackProcess;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({
      stackFile: await snapshotStack(),
      args: ['--database-url', await ownDatabase('e2e_view')],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    cleanup();
  });

  it('draws a bar per instance that grows with its invocations, and a lifetime and a table row for it', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${stack.lambdaApi}/_local/`);
    await until(
      'the empty chart',
      () => page.textContent('#bars'),
      (t) => (t ?? '').includes('No environment yet'),
    );

    // Act: one warm instance of hello, 3 concurrent calls on db (3 instances), 4 more on hello.
    await getJson(`${stack.httpApi}/hello`);
    const first = await until(
      'one bar with one invocation',
      () => bars(page),
      (b) => Object.keys(b).length === 1 && Object.values(b)[0] === 1,
    );
    await Promise.all([1, 2, 3].map(() => getJson(`${stack.httpApi}/db`)));
    for (let i = 0; i < 4; i += 1) await getJson(`${stack.httpApi}/hello`);
    const later = await until(
      'bars for hello and 3 db instances',
      () => bars(page),
      (b) => Object.values(b).includes(5) && Object.keys(b).length >= 4,
    );

    // Assess
    const [helloEnv] = Object.keys(first);
    expect(first[helloEnv ?? '']).toBe(1);
    expect(later[helloEnv ?? '']).toBe(5);
    expect(Object.values(later).filter((n) => n === 1)).toHaveLength(3);
    expect(await page.$$eval('#timeline g[data-instance]', (gs) => gs.length)).toBe(4);
    expect(await page.$$eval('#envs tr[data-instance]', (rows) => rows.length)).toBe(4);
    const helloRow = await page.textContent(`#envs tr[data-instance="${helloEnv}"]`);
    expect(helloRow).toMatch(/^hello/);
    const { body: hello } = await getJson<{ instanceId: string }>(`${stack.httpApi}/hello`);
    expect(
      await until(
        'the instanceId in the table',
        () => page.getAttribute(`#envs tr[data-instance="${helloEnv}"] td:nth-child(3)`, 'title'),
        (t) => t === hello.instanceId,
      ),
    ).toBe(hello.instanceId);
    expect(
      await until(
        'the summary after 9 calls',
        () => page.textContent('#summary'),
        (t) => /9 invocations/.test(t ?? ''),
      ),
    ).toMatch(/^4 live environments · 4 seen · 9 invocations/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'live-view.png'), fullPage: true });
    await page.close();
  });
});

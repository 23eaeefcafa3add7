import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { functionColor, type ViewState } from '../../local/view';
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

  it('colours each function the same in legend, bars and timeline, ticks every invocation, and keeps ended environments greyed with why', async () => {
    // Prepare: a fresh config environment with 3 invocations.
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${stack.lambdaApi}/_local/`);
    for (let i = 0; i < 3; i += 1) await getJson(`${stack.httpApi}/config`);
    const state = (await getJson<ViewState>(`${stack.lambdaApi}/_local/state`)).body;
    const configEnv = state.environments.find((e) => e.shortName === 'config' && e.endedAt === undefined);
    if (!configEnv) throw new Error(`no live config environment in ${JSON.stringify(state.functions)}`);
    const ticks = await until(
      'three ticks on the config row',
      () => page.$$eval(`#timeline g[data-instance="${configEnv.id}"] line.tick`, (ls) => ls.length),
      (n) => n === 3,
    );

    // Act: UpdateFunctionConfiguration retires the function's environments.
    const update = await fetch(`${stack.lambdaApi}/2015-03-31/functions/${configEnv.function}/configuration`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Description: 'retire them' }),
      signal: AbortSignal.timeout(10_000),
    });
    const endedRow = await until(
      'the config row greyed as ended',
      () => page.getAttribute(`#envs tr[data-instance="${configEnv.id}"]`, 'class'),
      (c) => c === 'ended',
    );

    // Assess
    expect(update.status).toBe(200);
    expect(ticks).toBe(3);
    expect(endedRow).toBe('ended');
    expect(await page.textContent(`#envs tr[data-instance="${configEnv.id}"]`)).toContain('ended · update');
    const legend = await page.$$eval('#legend span[data-function]', (spans) =>
      spans.map(
        (s) =>
          [
            s.getAttribute('data-function') ?? '',
            (globalThis as any).getComputedStyle(s.querySelector('i')).backgroundColor,
          ] as [string, string],
      ),
    );
    const fills = await page.$$eval('#bars g[data-instance] rect', (rects) =>
      rects.map(
        (r) =>
          [r.closest('g')?.getAttribute('data-instance') ?? '', (globalThis as any).getComputedStyle(r).fill] as [
            string,
            string,
          ],
      ),
    );
    const live = (await getJson<ViewState>(`${stack.lambdaApi}/_local/state`)).body;
    const byId = new Map(live.environments.map((e) => [e.id, e]));
    const legendColour = new Map(legend);
    const endedColour = legendColour.get('');
    for (const [id, fill] of fills) {
      const env = byId.get(id);
      // One colour per function, the legend's; ended environments take the legend's "ended" grey.
      expect([env?.shortName, fill]).toEqual([
        env?.shortName,
        env?.endedAt ? endedColour : legendColour.get(env?.function ?? ''),
      ]);
    }
    // From the name alone: the same colour on every run, whatever else runs.
    expect(live.functions.find((f) => f.name === configEnv.function)?.color).toBe(functionColor(configEnv.function));
    expect(new Set(live.functions.map((f) => f.color)).size).toBe(live.functions.length);
    await page.close();
  });
});

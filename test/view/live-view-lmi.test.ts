/**
 * The live view of Managed Instances environments in a real browser: the runtime behind the Invoke API
 * with the live view's routes (as the dev stack serves them), an LMI function whose invocations overlap,
 * and a classic one next to it.
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalLambdaService } from '../../local/lambda-service';
import type { FunctionDefinition } from '../../local/runtime';
import { liveViewRoutes, type ViewState } from '../../local/view';
import { getJson } from '../e2e/support';
import { fixture, serveRuntime } from '../runtime/support';
import { launchBrowser } from '../support/browser';

/** The concurrent fixture on Managed Instances: one environment, one worker, up to 16 invocations at once. */
const lmi: FunctionDefinition = fixture('concurrent', {
  name: 'lab-dev-overlap',
  memorySize: 2048,
  environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '1' },
  managedInstances: { maxConcurrency: 16, minEnvironments: 1, maxEnvironments: 1 },
});
const classic: FunctionDefinition = fixture('echo', { name: 'lab-dev-echo' });

async function serveWithView(functions: FunctionDefinition[]): Promise<LocalLambdaService> {
  const service = await serveRuntime(functions);
  const short = new Map(functions.map((f) => [f.name, f.name.replace(/^lab-dev-/, '')]));
  for (const route of liveViewRoutes(service.runtime, { endedLimit: 50, shortNames: short })) service.addRoute(route);
  return service;
}

function invoke(service: LocalLambdaService, name: string, event: object): Promise<Response> {
  return fetch(`${service.url}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(20_000),
  });
}

/** The concurrency cell of an environment's row, as data attributes (undefined when the row has none). */
async function concurrencyCell(page: Page): Promise<Record<string, string | null> | undefined> {
  const cell = await page.$('#envs td.concurrency');
  if (!cell) return undefined;
  const names = ['inFlight', 'peak', 'max', 'workers'] as const;
  const attr = { inFlight: 'data-in-flight', peak: 'data-peak', max: 'data-max', workers: 'data-workers' } as const;
  const values = await Promise.all(names.map((n) => cell.getAttribute(attr[n])));
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? null]));
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${ms} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

describe('live view of Managed Instances environments in a real browser', () => {
  let browser: Browser;
  const services: LocalLambdaService[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map((s) => s.stop()));
  });

  it('shows an LMI environment’s invocations in flight now, its peak, its limit and its workers, and marks the function LMI', async () => {
    // Prepare
    const service = await serveWithView([lmi, classic]);
    services.push(service);
    await (await invoke(service, classic.name, { hello: 1 })).text();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${service.url}/_local/`);

    // Act: 6 invocations held 1.5 s each, all at once on the one environment.
    const burst = Promise.all(
      Array.from({ length: 6 }, () => invoke(service, lmi.name, { holdMs: 1_500 }).then((r) => r.text())),
    );
    const during = await until(
      'six in flight',
      () => concurrencyCell(page),
      (c) => c?.inFlight === '6',
    );
    await burst;
    const after = await until(
      'none in flight',
      () => concurrencyCell(page),
      (c) => c?.inFlight === '0',
    );

    // Assess
    expect(during).toEqual({ inFlight: '6', peak: '6', max: '16', workers: '1' });
    expect(after).toEqual({ inFlight: '0', peak: '6', max: '16', workers: '1' });
    const rows = await page.$$eval('#envs tr[data-instance]', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.find((r) => r.startsWith('overlap'))).toMatch(/^overlap LMI.*0 in flight · peak 6 of 16 · 1 worker/);
    // The classic environment in the same table: no badge, no concurrency.
    expect(rows.find((r) => r.startsWith('echo'))).toMatch(/^echo[0-9a-f]{8}.*–/);
    expect(await page.getAttribute(`#legend span[data-function="${lmi.name}"]`, 'data-lmi')).toBe('true');
    expect(await page.getAttribute(`#legend span[data-function="${classic.name}"]`, 'data-lmi')).toBeNull();
    expect(await page.textContent('#bars')).toContain('0 now, peak 6');
    const { body: state } = await getJson<ViewState>(`${service.url}/_local/state`);
    expect(state.environments.find((e) => e.function === lmi.name)?.concurrency).toEqual({
      inFlight: 0,
      peak: 6,
      max: 16,
      workers: 1,
    });
    expect(state.environments.find((e) => e.function === classic.name)?.concurrency).toBeUndefined();
    await page.close();
  });

  it('keeps a classic-only view as it was: no concurrency column and no LMI mark', async () => {
    // Prepare
    const service = await serveWithView([classic]);
    services.push(service);
    const page = await browser.newPage();
    await page.goto(`${service.url}/_local/`);
    // Act
    await (await invoke(service, classic.name, { hello: 1 })).text();
    await until(
      'a row for the classic environment',
      () => page.$$eval('#envs tr[data-instance]', (trs) => trs.length),
      (n) => n === 1,
    );
    // Assess
    const headers = await page.$$eval('#envs th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual([
      'function',
      'environment',
      'instanceId',
      'state',
      'invocations',
      'age',
      'idle for',
      'peak memory',
    ]);
    expect(await page.$$eval('.lmi', (els) => els.length)).toBe(0);
    await page.close();
  });
});

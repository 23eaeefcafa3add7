import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { formatValue, renderReport } from '../../bench/report';
import { type BenchResults, EXECUTION_MODELS, type ExecutionModelCell } from '../../bench/schema';
import { launchBrowser } from '../support/browser';
import { prng } from './synthetic-results';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** CLEARLY SYNTHETIC classic-vs-LMI results (a seeded generator, no measurement), shaped like a `--models` run. */
function syntheticModelsResults(): BenchResults {
  const random = prng(7);
  const functions = ['hello', 'db'];
  const concurrencies = [1, 10, 50];
  const cells: ExecutionModelCell[] = [];
  for (const model of EXECUTION_MODELS)
    for (const fn of functions)
      for (const c of concurrencies) {
        const p50 = 2 + random() * 10;
        cells.push({
          model,
          function: fn,
          concurrency: c,
          elapsedMs: 1000 + random() * 10,
          requests: 400 + c,
          answered: 390 + c,
          throttled: model === 'classic' && c === 50 ? 10 : 0,
          errors: 0,
          throughputRps: 100 + random() * 900,
          latencyMs: { p50, p95: p50 * 2, p99: p50 * 3 },
          environmentsUsed: model === 'classic' ? c : 3,
          environmentsAlive: model === 'classic' ? c : 3,
          dbConnectionsUsed: fn === 'db' ? (model === 'classic' ? c : 3) : null,
          dbConnectionsOpened: fn === 'db' ? 1 : null,
          // One cell without a reading, as on AWS: the page shows a dash, not 0.
          environmentsRssMb: model === 'managed-instances' && c === 1 ? null : 50 + random() * 400,
        });
      }
  return {
    schemaVersion: 2,
    generatedAt: '2026-12-02T04:00:00.000Z',
    target: 'local',
    startedAtMs: 1_764_648_000_000,
    finishedAtMs: 1_764_648_060_000,
    machine: { cpuModel: 'synthetic', cores: 2, memoryBytes: 8e9, os: 'linux test', arch: 'x64', nodeVersion: 'v24' },
    versions: { project: '0.0.0', runtime: 'synthetic', node: '24', sdk: '3' },
    settings: { coldStarts: 0, warmInvocations: 0, concurrency: 50, warmupsDiscarded: 0 },
    functions: [],
    comparisons: [],
    bursts: [],
    instances: [],
    notes: ['Synthetic data for a rendering test: not a measurement.'],
    executionModels: { secondsPerCell: 1, maxRequestsPerCell: 20_000, concurrencies, functions, cells },
  };
}

/** The JSON value behind a `models.<model>.<fn>.c<C>.<field>[.<stat>]` key. */
function expectedModelValue(results: BenchResults, key: string): number {
  const [, model, fn, c, field, stat] = key.split('.');
  const cell = results.executionModels?.cells.find(
    (x) => x.model === model && x.function === fn && `c${x.concurrency}` === c,
  );
  if (!cell) throw new Error(`${key}: no such cell`);
  const value = stat ? (cell as any)[field as string]?.[stat] : (cell as any)[field as string];
  if (typeof value !== 'number') throw new Error(`${key}: no number in the JSON`);
  return value;
}

describe('HTML report: classic vs Managed Instances section in a real browser', () => {
  let browser: Browser | undefined;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-models-report-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws throughput and p95 bars per function for both models and shows the JSON figures', async () => {
    // Prepare
    const results = syntheticModelsResults();
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(results));
    browser = await launchBrowser({ timeout: 30_000 });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(20_000);

    // Act
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 20_000 });
    const charts = await page.$$eval('#execution-models svg[data-chart="model-bars"]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          id: svg.id,
          bars: [...svg.querySelectorAll('rect.bar')].map((r) => ({
            series: r.getAttribute('data-series'),
            group: r.getAttribute('data-group'),
            value: Number(r.getAttribute('data-value')),
            height: Number(r.getAttribute('height')),
          })),
          width: box.width,
          height: box.height,
        };
      }),
    );
    const shown = await page.$$eval('#execution-models [data-metric]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-metric') as string,
        value: Number(e.getAttribute('data-value')),
        text: (e.textContent ?? '').trim(),
      })),
    );
    const rssDashes = await page.$$eval(
      '#models-hello tr[data-model="managed-instances"][data-concurrency="1"] td:last-child',
      (tds) => tds.map((td) => (td.textContent ?? '').trim()),
    );
    const otherSections = await page.$$eval('#cold-warm, #instances, #key-figures', (els) => els.length);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'bench-report-models.png'), fullPage: true, timeout: 20_000 });

    // Assess: two charts per function, each with a visible bar per model and concurrency, matching the JSON
    expect(charts.map((c) => c.id).sort()).toEqual(
      [
        'chart-models-db-p95',
        'chart-models-db-throughput',
        'chart-models-hello-p95',
        'chart-models-hello-throughput',
      ].sort(),
    );
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(200);
      expect(chart.bars).toHaveLength(6);
      for (const bar of chart.bars) expect(bar.height).toBeGreaterThan(0);
      const fn = chart.id.includes('-db-') ? 'db' : 'hello';
      for (const bar of chart.bars) {
        const cell = results.executionModels?.cells.find(
          (c) => c.function === fn && c.model === bar.series && String(c.concurrency) === bar.group,
        );
        expect(bar.value).toBe(chart.id.endsWith('p95') ? cell?.latencyMs?.p95 : cell?.throughputRps);
      }
    }
    // Assess: every figure of the table is the JSON's, and a missing reading is a dash
    expect(shown.length).toBeGreaterThan(12 * 8);
    for (const m of shown) {
      const want = expectedModelValue(results, m.key);
      expect({ key: m.key, value: m.value }).toEqual({ key: m.key, value: want });
      expect([String(want), formatValue(want)]).toContain(m.text);
    }
    const keys = new Set(shown.map((m) => m.key));
    expect(keys).toContain('models.classic.db.c50.throttled');
    expect(keys).toContain('models.managed-instances.db.c10.dbConnectionsUsed');
    expect(keys).not.toContain('models.classic.hello.c1.dbConnectionsUsed');
    expect(rssDashes).toEqual(['–']);
    // A models-only run has no per-function cold/warm sections.
    expect(otherSections).toBe(0);
  }, 90_000);
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { formatRatio, formatValue, renderReport } from '../../bench/report';
import type { BenchResults } from '../../bench/schema';
import { launchBrowser } from '../support/browser';
import { syntheticResults } from './synthetic-results';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * The JSON value a `data-metric` key stands for, and how the page must print it.
 * Keys: `<fn>.<phase>.<metric>.<stat>`, `<fn>.coldOverWarm.<metric>.<estimate|lo|hi>`,
 * `compare.<id>.naiveOverReuse.<metric>.<...>`, `burst.<fn>.<field>[.<stat>]`, `settings.*`, `machine.cores`, `instances.*`.
 */
function expected(results: BenchResults, key: string): { value: number; text: string } {
  const parts = key.split('.');
  const plain = (value: number) => ({ value, text: String(value) });
  const measured = (value: number) => ({ value, text: formatValue(value) });
  const ratio = (r: { estimate: number; ci95: readonly [number, number] | null } | null | undefined, which: string) => {
    if (!r) throw new Error(`${key}: no ratio in the JSON`);
    const value = which === 'estimate' ? r.estimate : which === 'lo' ? r.ci95?.[0] : r.ci95?.[1];
    if (value === undefined) throw new Error(`${key}: no interval in the JSON`);
    return { value, text: formatRatio(value) };
  };
  const stat = (s: any, rest: string[]) => {
    if (!s) throw new Error(`${key}: no summary in the JSON`);
    if (rest[0] === 'n') return plain(s.n);
    if (rest[0] === 'ci95' || rest[0] === 'ci95Log') return measured(s[rest[0]][rest[1] === 'lo' ? 0 : 1]);
    return measured(s[rest[0] as string]);
  };
  const [head, ...rest] = parts;
  switch (head) {
    case 'settings':
      return plain((results.settings as any)[rest[0] as string]);
    case 'machine':
      return plain((results.machine as any)[rest[0] as string]);
    case 'instances':
      return plain(
        rest[0] === 'count' ? results.instances.length : results.instances.reduce((s, i) => s + i.invocations, 0),
      );
    case 'compare': {
      const c = results.comparisons.find((x) => x.id === rest[0]);
      return ratio((c?.naiveOverReuse as any)?.[rest[2] as string], rest[3] as string);
    }
    case 'burst': {
      const b: any = results.bursts.find((x) => x.function === rest[0]);
      return rest[1] === 'clientMs' ? stat(b?.clientMs, rest.slice(2)) : plain(b[rest[1] as string]);
    }
    default: {
      const fn: any = results.functions.find((f) => f.name === head);
      if (!fn) throw new Error(`${key}: unknown function`);
      if (rest[0] === 'coldOverWarm') return ratio(fn.coldOverWarm[rest[1] as string], rest[2] as string);
      return stat(fn.summaries[rest[0] as string]?.[rest[1] as string], rest.slice(2));
    }
  }
}

describe('HTML report in a real browser', () => {
  let browser: Browser | undefined;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every chart and shows the same numbers as the results JSON, offline from a file', async () => {
    // Prepare: clearly synthetic, seeded results
    const results = syntheticResults({ seed: 11 });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(results));
    browser = await launchBrowser({ timeout: 30_000 });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(20_000);
    const external: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });

    // Act
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 20_000 });
    const charts = await page.$$eval('svg[data-chart]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          id: svg.id,
          kind: svg.getAttribute('data-chart'),
          shapes: svg.querySelectorAll('rect, circle, line, path').length,
          dots: svg.querySelectorAll('circle').length,
          width: box.width,
          height: box.height,
        };
      }),
    );
    const shown = await page.$$eval('[data-metric]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-metric') as string,
        value: Number(e.getAttribute('data-value')),
        text: (e.textContent ?? '').trim(),
        visible: (e as unknown as { offsetParent: unknown }).offsetParent !== null,
      })),
    );
    const heading = await page.textContent('h1');
    const warmupNote = await page.textContent('#warmup-note');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'bench-report.png'), fullPage: true, timeout: 20_000 });

    // Assess: it rendered, offline
    expect(heading).toContain('benchmark');
    expect(warmupNote).toMatch(/2 invocation\(s\) before each measured scenario were discarded/);
    expect(external).toEqual([]);

    // Assess: every chart is there, drawn and visible
    const ids = charts.map((c) => c.id).sort();
    const wantedIds = [
      ...results.functions.flatMap((f) => [`chart-latency-${f.name}-clientMs`, `chart-latency-${f.name}-durationMs`]),
      ...results.comparisons.flatMap((c) => [`chart-compare-${c.id}-clientMs`, `chart-compare-${c.id}-durationMs`]),
      'chart-executions-per-instance',
      'chart-instance-timeline',
    ].sort();
    expect(ids).toEqual(wantedIds);
    for (const chart of charts) {
      expect({ id: chart.id, drawn: chart.shapes > 5 && chart.width > 200 && chart.height > 50 }).toEqual({
        id: chart.id,
        drawn: true,
      });
      if (chart.kind === 'distribution')
        expect({ id: chart.id, dots: chart.dots > 0 }).toEqual({ id: chart.id, dots: true });
    }
    const bars = await page.$$eval('#chart-executions-per-instance rect.bar', (rects) =>
      rects.map((r) => Number(r.getAttribute('data-invocations'))),
    );
    expect(bars.sort((a, b) => a - b)).toEqual(results.instances.map((i) => i.invocations).sort((a, b) => a - b));

    // Assess: every number shown is the JSON's, printed the report's way
    expect(shown.length).toBeGreaterThan(300);
    for (const metric of shown) {
      const want = expected(results, metric.key);
      expect({ key: metric.key, value: metric.value, text: metric.text, visible: metric.visible }).toEqual({
        key: metric.key,
        value: want.value,
        text: want.text,
        visible: true,
      });
    }
    // ...and every summary statistic in the JSON appears on the page.
    const keys = new Set(shown.map((m) => m.key));
    for (const fn of results.functions) {
      for (const [phase, summaries] of Object.entries(fn.summaries)) {
        for (const [metric, s] of Object.entries(summaries ?? {})) {
          if (!s) continue;
          const stats =
            metric === 'maxMemoryUsedMb'
              ? ['p50', 'max']
              : [
                  'n',
                  'p50',
                  'p90',
                  'p99',
                  'max',
                  'mean',
                  // The interval the report shows: the log-scale one for positive samples, else Student t.
                  ...(s.ci95Log ? ['ci95Log.lo', 'ci95Log.hi'] : s.ci95 ? ['ci95.lo', 'ci95.hi'] : []),
                ];
          for (const stat of stats) expect(keys).toContain(`${fn.name}.${phase}.${metric}.${stat}`);
        }
      }
    }
    expect(keys).toContain('db.warm.durationMs.p50');
    expect(keys).toContain('compare.db.naiveOverReuse.durationMs.estimate');
  }, 90_000);
});

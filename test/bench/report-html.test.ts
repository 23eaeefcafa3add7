import { renderReport } from '../../bench/report';
import { assembleResults, ResultsSchemaError } from '../../bench/schema';
import { ratioOfMeans, summary } from '../../bench/stats';
import { syntheticResults } from './synthetic-results';

describe('renderReport output', () => {
  it('is one self-contained file: no scripts, stylesheets, images or URLs to fetch', () => {
    // Act
    const html = renderReport(syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 }));
    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    // The only URL is the SVG namespace, which is an identifier and never fetched.
    const urls = html.match(/https?:\/\/[^\s"')]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes text from the results so a note or a name cannot inject markup', () => {
    // Prepare
    const results = {
      ...syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 }),
      notes: ['<script>alert("x")</script> & more'],
    };
    // Act
    const html = renderReport(results);
    // Assess
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
  });

  it('refuses results that do not validate, naming the field', () => {
    // Prepare
    const results: any = syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 });
    results.settings = { ...results.settings, concurrency: 0 };
    // Act / Assess
    expect(() => renderReport(results)).toThrow(ResultsSchemaError);
    expect(() => renderReport(results)).toThrow(/results\.settings\.concurrency must be an integer ≥ 1, got 0/);
  });

  it('draws the same page for the same results (no clock, no randomness)', () => {
    // Prepare
    const results = syntheticResults({ seed: 9, coldStarts: 3, warmInvocations: 6 });
    // Act / Assess
    expect(renderReport(results)).toBe(renderReport(results));
  });

  it('draws sparse results (one sample, no server numbers, no instances) without NaN or undefined', () => {
    // Prepare
    const results = assembleResults({
      target: 'aws',
      startedAtMs: 1_000,
      finishedAtMs: 1_000,
      machine: { cpuModel: 'cpu', cores: 1, memoryBytes: 1024, os: 'linux', arch: 'arm64', nodeVersion: '24.0.0' },
      versions: { project: '0.1.0', runtime: 'nodejs24.x', node: '24.0.0', sdk: '3.0.0' },
      settings: { coldStarts: 1, warmInvocations: 0, concurrency: 1, warmupsDiscarded: 0 },
      functions: [
        {
          name: 'hello',
          memoryMb: 128,
          samples: [
            {
              phase: 'cold',
              startedAtMs: 1_000,
              clientMs: 5,
              durationMs: null,
              initDurationMs: null,
              maxMemoryUsedMb: null,
              coldStart: true,
              instanceId: null,
              statusCode: 200,
            },
          ],
        },
      ],
      comparisons: [],
      bursts: [],
      instances: [],
    });
    // Act
    const html = renderReport(results);
    // Assess
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toContain('id="chart-latency-hello-clientMs"');
    expect(html).toContain('data-metric="hello.cold.clientMs.p50"');
  });
});

describe('renderReport on small samples', () => {
  it('labels a ratio whose interval contains 1 "not significant", and no ratio clearly above 1', () => {
    // Prepare: cold and warm client latency that cannot be told apart.
    const results: any = syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 });
    const fn = results.functions[0];
    fn.coldOverWarm.clientMs = ratioOfMeans([10, 12, 11], [11, 10, 12]);
    fn.coldOverWarm.durationMs = ratioOfMeans([300, 320, 310], [10, 11, 9, 10]);
    // Act
    const html = renderReport(results);
    // Assess
    const cell = (which: string) =>
      new RegExp(`data-metric="${fn.name}\\.coldOverWarm\\.${which}\\.estimate"[^]*?</td>`).exec(html)?.[0] ?? '';
    expect(cell('clientMs')).toContain('data-significance="not-significant"');
    expect(cell('durationMs')).not.toContain('data-significance');
  });

  it('shows the mean of a small skewed positive sample with a log-scale interval above 0', () => {
    // Prepare: three cold starts, one slow; the symmetric interval would start near -262 ms.
    const results: any = syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 });
    const fn = results.functions[0];
    fn.summaries.cold.clientMs = summary([80, 90, 400]);
    // Act
    const html = renderReport(results);
    // Assess
    const lo = new RegExp(`data-metric="${fn.name}\\.cold\\.clientMs\\.ci95Log\\.lo" data-value="([^"]+)"`).exec(html);
    expect(Number(lo?.[1])).toBeGreaterThan(0);
    expect(fn.summaries.cold.clientMs.ci95[0]).toBeLessThan(0);
    expect(html).not.toContain(`data-metric="${fn.name}.cold.clientMs.ci95.lo"`);
  });

  it('says at the top of the report that a --quick run is a smoke run, and only then', () => {
    // Prepare
    const results: any = syntheticResults({ seed: 5, coldStarts: 2, warmInvocations: 5 });
    const quick = { ...results, settings: { ...results.settings, smokeRun: true } };
    // Act
    const [plain, smoke] = [renderReport(results), renderReport(quick)];
    // Assess
    expect(smoke).toMatch(/id="smoke-run">Smoke run \(--quick\): N=2 cold starts and M=5 warm invocations/);
    expect(plain).not.toContain('smoke-run');
  });
});

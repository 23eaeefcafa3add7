import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResults, isAnswered, parseResults } from '../../bench/schema';
import { functionCatalog } from '../../functions/catalog';
import { type BenchRun as Run, repositoryRoot as root, runBench as runBenchCli } from './run-bench';

const RUN_LIMIT_MS = 150_000;
const runBench = (args: readonly string[]) => runBenchCli(args, RUN_LIMIT_MS);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('npm run bench on the local stack (small N)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'lrl-bench-e2e-'));
  let run: Run;
  let results: BenchResults;
  const names = functionCatalog.map((f) => f.name);

  beforeAll(async () => {
    // Prepare: reuse the build and synth when they exist (other tests build too); a fresh clone builds.
    const built =
      existsSync(join(root, 'cdktf.out', 'manifest.json')) &&
      names.every((n) => existsSync(join(root, 'dist', 'functions', n, 'index.js')));
    // Act
    run = await runBench([
      '--cold',
      '2',
      '--warm',
      '5',
      '--concurrency',
      '3',
      '--warmup',
      '1',
      '--out',
      outDir,
      ...(built ? ['--no-build'] : []),
    ]);
    if (run.code === 0) results = parseResults(readFileSync(join(outDir, 'latest.json'), 'utf8'));
  }, RUN_LIMIT_MS + 20_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exits 0, prints the summary table, says warm-ups were discarded and prints the file paths', () => {
    // Assess
    expect({ code: run.code, stderr: run.stderr.slice(-2000) }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(run.stdout).toMatch(/function\s+phase\s+n\s+client p50/);
    expect(run.stdout).toMatch(/warm-up.*discarded/i);
    expect(run.stdout).toContain(join(outDir, 'latest.json'));
    expect(run.stdout).toContain(join(outDir, 'latest.html'));
  });

  it('writes a results file that validates against the schema, with the settings given and every function', () => {
    // Assess (parseResults validated it in beforeAll)
    expect(results.target).toBe('local');
    expect(results.settings).toEqual({ coldStarts: 2, warmInvocations: 5, concurrency: 3, warmupsDiscarded: 1 });
    expect(results.functions.map((f) => f.name)).toEqual(names);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.versions.node).toMatch(/^24\./);
    expect(results.comparisons.map((c) => c.id)).toEqual(['config', 'db']);
  });

  it('gives every cold sample an Init Duration', () => {
    for (const fn of results.functions) {
      const cold = fn.samples.filter((s) => s.phase === 'cold');
      const warm = fn.samples.filter((s) => s.phase === 'warm' || s.phase === 'warm-concurrent');
      // Assess
      expect(cold).toHaveLength(2);
      expect(warm.length).toBeGreaterThan(0);
      expect(cold.filter((s) => s.initDurationMs === null || !s.coldStart).map(() => fn.name)).toEqual([]);
      expect(cold.every((s) => (s.initDurationMs ?? 0) > 0 && (s.maxMemoryUsedMb ?? 0) > 0)).toBe(true);
    }
  });

  it('runs sequential warm calls on an environment that is already warm, so none is discarded as a cold start', () => {
    // Assess: warm runs drop the samples that ran INIT and say so in a note; one caller at a time never needs a new environment.
    const coldInSequentialRuns = (results.notes ?? []).filter((n) =>
      /of the (sequential warm|HTTP API warm) run started a new environment/.test(n),
    );
    expect(coldInSequentialRuns).toEqual([]);
  });

  it('measures warm latency through the HTTP API as a client sees it, on warm environments', () => {
    for (const fn of results.functions) {
      const viaApi = fn.samples.filter((s) => s.phase === 'warm-http');
      // Assess
      expect(viaApi.length).toBeGreaterThan(0);
      expect(viaApi.every((s) => isAnswered(s) && (s.clientMs ?? 0) > 0 && !s.coldStart && s.durationMs === null)).toBe(
        true,
      );
      expect(fn.summaries['warm-http']?.clientMs?.n).toBe(viaApi.length);
    }
  });

  it('measures naive db slower than db with a reused connection', () => {
    const warmDuration = (name: string) =>
      mean(
        (results.functions.find((f) => f.name === name)?.samples ?? [])
          .filter((s) => s.phase === 'warm' && isAnswered(s))
          .map((s) => s.durationMs ?? NaN),
      );
    // Assess
    expect(warmDuration('db-naive')).toBeGreaterThan(warmDuration('db'));
    expect(results.comparisons.find((c) => c.id === 'db')?.naiveOverReuse.durationMs?.estimate).toBeGreaterThan(1);
  });

  it('counts the environments a burst from zero created, as the local runtime lists them', () => {
    for (const burst of results.bursts) {
      // Assess: C = 3 requests from zero need between 1 and 3 new environments
      expect(burst.requests).toBe(3);
      expect(burst.environmentsBefore).toBe(0);
      expect(burst.environmentsCreated).toBeGreaterThanOrEqual(1);
      expect(burst.environmentsCreated).toBeLessThanOrEqual(3);
      expect(burst.throttled + burst.errors).toBe(0);
    }
    // The count from the answers' instance ids disagrees with the runtime's /_local/environments only in a note.
    expect((results.notes ?? []).filter((n) => /burst: .* the local runtime lists/.test(n))).toEqual([]);
  });

  it('counts one cold caller per new environment where the function itself reports its cold start (hello)', () => {
    // Assess: hello's body says coldStart, so this count does not come from the instance ids.
    const hello = results.bursts.find((b) => b.function === 'hello');
    expect(hello).toBeDefined();
    expect(hello?.coldStartsSeen).toBe(hello?.environmentsCreated);
  });

  it('writes the HTML report with its charts as inline svg, and latest copies of both files', () => {
    // Prepare
    const html = readFileSync(join(outDir, 'latest.html'), 'utf8');
    // Assess
    expect(html).toMatch(/^<!doctype html>/i);
    expect((html.match(/<svg[^>]*data-chart/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const stamped = run.stdout.match(/JSON:\s+(\S+\.json)/)?.[1] ?? '';
    expect(readFileSync(stamped, 'utf8')).toBe(readFileSync(join(outDir, 'latest.json'), 'utf8'));
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResults, EXECUTION_MODELS, parseResults } from '../../bench/schema';
import { type BenchRun as Run, repositoryRoot as root, runBench as runBenchCli } from './run-bench';

const RUN_LIMIT_MS = 240_000;
const runBench = (args: readonly string[]) => runBenchCli(args, RUN_LIMIT_MS);

describe('npm run bench -- --models on the local stack (short cells)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'lrl-bench-models-'));
  let run: Run;
  let results: BenchResults;

  beforeAll(async () => {
    // Prepare: reuse the build when it exists (other tests build too); a fresh clone builds.
    const built = ['hello', 'db'].every((n) => existsSync(join(root, 'dist', 'functions', n, 'index.js')));
    // Act
    run = await runBench([
      '--models',
      '--functions',
      'hello,db',
      '--cell-seconds',
      '0.3',
      '--out',
      outDir,
      ...(built ? ['--no-build'] : []),
    ]);
    const json = readdirSync(outDir).find((f) => f.endsWith('-local.json'));
    if (run.code === 0 && json) results = parseResults(readFileSync(join(outDir, json), 'utf8'));
  }, RUN_LIMIT_MS + 20_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exits 0 and writes a results file with one cell per model, function and concurrency', () => {
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const cells = results.executionModels?.cells ?? [];
    const ids = cells.map((c) => `${c.model}/${c.function}/${c.concurrency}`).sort();
    const wanted = EXECUTION_MODELS.flatMap((m) =>
      ['hello', 'db'].flatMap((f) => [1, 10, 50].map((c) => `${m}/${f}/${c}`)),
    );
    expect(ids).toEqual(wanted.sort());
    expect(results.executionModels?.concurrencies).toEqual([1, 10, 50]);
    expect(run.stdout).toMatch(/managed-instances\s+hello\s+50/);
  });

  it('accounts for every request and measures environments, memory and database connections', () => {
    for (const c of results.executionModels?.cells ?? []) {
      const where = `${c.model}/${c.function}/${c.concurrency}`;
      expect({ where, sum: c.answered + c.throttled + c.errors }).toEqual({ where, sum: c.requests });
      expect({ where, answered: c.answered > 0 }).toEqual({ where, answered: true });
      expect({ where, latency: c.latencyMs !== null && c.latencyMs.p50 <= c.latencyMs.p99 }).toEqual({
        where,
        latency: true,
      });
      expect({ where, used: c.environmentsUsed >= 1 }).toEqual({ where, used: true });
      expect({ where, rss: (c.environmentsRssMb ?? 0) > 0, alive: (c.environmentsAlive ?? 0) >= 1 }).toEqual({
        where,
        rss: true,
        alive: true,
      });
      if (c.function === 'db') {
        expect({ where, db: (c.dbConnectionsUsed ?? 0) >= 1 }).toEqual({ where, db: true });
        expect({ where, opened: (c.dbConnectionsOpened ?? -1) <= (c.dbConnectionsUsed ?? 0) }).toEqual({
          where,
          opened: true,
        });
      } else expect({ where, db: c.dbConnectionsUsed }).toEqual({ where, db: null });
    }
  });

  it('serves 50 concurrent requests from far fewer environments under Managed Instances', () => {
    const lmi = results.executionModels?.cells.find(
      (c) => c.model === 'managed-instances' && c.function === 'hello' && c.concurrency === 50,
    );
    expect(lmi?.environmentsUsed).toBeLessThan(50);
    expect(lmi?.environmentsAlive).toBeLessThanOrEqual(10);
  });
});

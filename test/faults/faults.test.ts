/**
 * Runs the fault suite as users do (`npm run faults -- --json FILE`), in a child process: the suite starts
 * the embedded PostgreSQL, which is an ES module jest's CommonJS transform cannot load in-process. The
 * assertions are the suite's expectations read back from its JSON: counts and zero errors, no timings.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultResult, FaultSuiteReport, ScenarioName } from '../../bench/faults';
import { requireArtifacts, root } from '../e2e/support';

/** The whole suite is about 40 s on a busy 2-core machine; this bounds it with room to spare. */
const suiteTimeoutMs = 170_000;

let report: FaultSuiteReport;
let exitCode: number | null;
let output = '';

function result(name: ScenarioName): FaultResult {
  const found = report.results.find((r) => r.scenario === name);
  if (!found) throw new Error(`the suite reported no ${name} scenario:\n${output}`);
  return found;
}

beforeAll(async () => {
  requireArtifacts();
  const dir = mkdtempSync(join(tmpdir(), 'lrl-faults-'));
  const jsonFile = join(dir, 'faults.json');
  try {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['bench/faults-cli.ts', '--json', jsonFile], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), suiteTimeoutMs);
    exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    report = JSON.parse(readFileSync(jsonFile, 'utf8')) as FaultSuiteReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, suiteTimeoutMs + 10_000);

describe('npm run faults', () => {
  it('exits 0 with every scenario passing', () => {
    // Assess
    expect({ exitCode, failed: report.results.filter((r) => !r.pass).map((r) => r.seen) }).toEqual({
      exitCode: 0,
      failed: [],
    });
    expect(report.results.map((r) => r.scenario)).toEqual(['burst', 'db-restart', 'frozen-kill', 'ssm-down']);
  });

  it('serves a burst of 200 against reserved concurrency 50 with 50 environments and 150 throttles, each answered once', () => {
    // Assess
    expect(result('burst').figures).toMatchObject({
      environments: 50,
      environmentsAlive: 50,
      environmentsCreatedInBurst: 0,
      ok: 50,
      throttles: 150,
      answered: 200,
      errors: 0,
      runtimeInvocations: 50,
      runtimeThrottles: 150,
    });
  });

  it('opens and closes every breaker across a database restart, with no crash and no written visit lost', () => {
    // Assess
    const { figures } = result('db-restart');
    expect(figures).toMatchObject({
      breakersOpened: 2,
      breakerClosed: true,
      crashes: 0,
      visitsLost: 0,
      transportErrors: 0,
    });
    expect(figures.visitsOk).toBeGreaterThan(0);
    expect(figures.writesFailed).toBeGreaterThan(0);
  });

  it('answers every call without error after the sessions of frozen environments were killed', () => {
    // Assess
    const { figures } = result('frozen-kill');
    expect(figures).toMatchObject({ calls: 6, errors: 0, warmupErrors: 0 });
    expect(figures.sessionsKilled).toBeGreaterThan(0);
  });

  it('serves the stale config from a warm environment with SSM down, and a cold start answers 503 ECONFIGUNAVAILABLE', () => {
    // Assess
    const { figures } = result('ssm-down');
    expect(figures).toMatchObject({ staleServed: true, coldStatus: 503, coldCode: 'ECONFIGUNAVAILABLE' });
    expect(figures.staleAgeMs).toBeGreaterThan(figures.ttlMs as number);
  });
});

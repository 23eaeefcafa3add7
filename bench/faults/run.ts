import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type FaultStack, startFaultStack } from '../targets';
import { burst } from './burst';
import { createFaultContext } from './context';
import { dbRestart } from './db-restart';
import { FaultSuiteError } from './errors';
import { frozenKill } from './frozen-kill';
import type { FaultSuiteOptions } from './options';
import { ssmDown } from './ssm-down';
import type { FaultResult, FaultScenario, ScenarioName } from './types';

/** Every scenario by name, in the order the suite runs them. */
export const scenarios: readonly FaultScenario[] = [burst, dbRestart, frozenKill, ssmDown];

/** What a run produced: the machine it ran on, and one result per scenario. */
export interface FaultSuiteReport {
  readonly startedAt: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly platform: string;
  };
  readonly stackStartMs: number;
  readonly totalMs: number;
  readonly results: readonly FaultResult[];
  readonly pass: boolean;
}

async function bounded<T>(what: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FaultSuiteError(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts one local stack, runs the chosen scenarios on it one after the other, stops it, and reports.
 * A scenario that throws or runs out of time is a FAIL with the reason as what was seen; the stack is
 * stopped in every case.
 *
 * @example
 * const report = await runFaultSuite({ ...faultSuiteDefaults, only: ['burst'] }, { rootDir, log: console.log });
 * report.pass; // true when every scenario passed
 */
export async function runFaultSuite(
  options: FaultSuiteOptions,
  io: { rootDir: string; log: (line: string) => void; onResult?: (result: FaultResult) => void },
): Promise<FaultSuiteReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const chosen = scenarios.filter((s) => options.only.includes(s.name));
  const stack: FaultStack = await startFaultStack({
    rootDir: io.rootDir,
    build: options.build,
    envOverrides: chosen.flatMap((s) => s.envOverrides ?? []),
    onProgress: io.log,
  });
  const stackStartMs = Math.round(performance.now() - started);
  const results: FaultResult[] = [];
  try {
    const ctx = await createFaultContext(stack, io.log);
    try {
      for (const scenario of chosen) {
        const t0 = performance.now();
        let result: FaultResult;
        try {
          const outcome = await bounded(scenario.name, options.scenarioTimeoutMs, scenario.run(ctx));
          result = { scenario: scenario.name, durationMs: Math.round(performance.now() - t0), ...outcome };
        } catch (err) {
          result = failed(scenario.name, Math.round(performance.now() - t0), err);
        }
        results.push(result);
        io.onResult?.(result);
      }
    } finally {
      ctx.close();
    }
  } finally {
    await stack.stop();
  }
  return {
    startedAt,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: process.platform,
    },
    stackStartMs,
    totalMs: Math.round(performance.now() - started),
    results,
    pass: results.length === chosen.length && results.every((r) => r.pass),
  };
}

function failed(scenario: ScenarioName, durationMs: number, err: unknown): FaultResult {
  return {
    scenario,
    expected: 'the scenario to run to its check',
    seen: `it stopped: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    pass: false,
    durationMs,
    figures: {},
  };
}

/** The one line a scenario prints: name, expected, seen, PASS/FAIL. */
export function formatResult(r: FaultResult): string {
  return `${r.scenario.padEnd(11)}  expected: ${r.expected}  |  seen: ${r.seen}  |  ${(r.durationMs / 1000).toFixed(1)} s  ${r.pass ? 'PASS' : 'FAIL'}`;
}

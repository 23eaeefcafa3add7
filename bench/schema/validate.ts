import { ResultsSchemaError } from './errors';
import { type BenchResults, EXECUTION_MODELS, METRICS, PHASES, SCHEMA_VERSION } from './types';

/*
 * A hand-written validator rather than a schema library: no new dependency, and every failure names the
 * exact field path. Unknown fields are ignored on purpose (additive changes within a schemaVersion).
 */

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string, got: unknown): never => {
  throw new ResultsSchemaError(path, expected, got);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (v, p) => {
  if (typeof v !== 'string' || v === '') fail(p, 'a non-empty string', v);
};
const finite: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, 'a finite number', v);
};
const nonNegative: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(p, 'a finite number ≥ 0', v);
};
const count: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(p, 'an integer ≥ 0', v);
};
const positiveCount: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(p, 'an integer ≥ 1', v);
};
const boolean: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, 'true or false', v);
};
const oneOf =
  (allowed: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !allowed.includes(v)) fail(p, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, v);
  };
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v === null) return;
    try {
      check(v, p);
    } catch (error) {
      if (error instanceof ResultsSchemaError && error.path === p) fail(p, `${error.expected} or null`, v);
      throw error;
    }
  };
const optional =
  (check: Check): Check =>
  (v, p) => {
    if (v !== undefined) check(v, p);
  };
const array =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'an array', v);
    for (const [i, element] of (v as unknown[]).entries()) item(element, `${p}[${i}]`);
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) fail(p, 'an object', v);
    const record = v as Record<string, unknown>;
    for (const [key, check] of Object.entries(shape)) check(record[key], p === '' ? key : `${p}.${key}`);
  };

const interval: Check = (v, p) => {
  if (!Array.isArray(v) || v.length !== 2) fail(p, 'an interval [lower, upper]', v);
  const [lo, hi] = v as unknown[];
  finite(lo, `${p}[0]`);
  finite(hi, `${p}[1]`);
  if ((lo as number) > (hi as number)) fail(p, 'an interval with lower ≤ upper', v);
};

const summary: Check = (v, p) => {
  object({
    n: positiveCount,
    min: finite,
    max: finite,
    mean: finite,
    ci95: nullable(interval),
    p50: finite,
    p90: finite,
    p99: finite,
    stddev: nullable(nonNegative),
  })(v, p);
  const s = v as { min: number; max: number };
  if (s.min > s.max) fail(`${p}.min`, `≤ max (${s.max})`, s.min);
};

const ratio = object({
  estimate: nonNegative,
  ci95: nullable(interval),
  method: string,
  numeratorN: count,
  denominatorN: count,
});

const latencyRatios = object({ clientMs: nullable(ratio), durationMs: nullable(ratio) });

const metricSummaries = object(Object.fromEntries(METRICS.map((m) => [m, nullable(summary)])));

const summariesByPhase: Check = (v, p) => {
  if (!isObject(v)) fail(p, 'an object keyed by phase', v);
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    oneOf(PHASES)(key, `${p} key`);
    metricSummaries(value, `${p}.${key}`);
  }
};

const sample = object({
  phase: oneOf(PHASES),
  startedAtMs: nonNegative,
  clientMs: nullable(nonNegative),
  durationMs: nullable(nonNegative),
  initDurationMs: nullable(nonNegative),
  maxMemoryUsedMb: nullable(nonNegative),
  coldStart: boolean,
  instanceId: nullable(string),
  statusCode: count,
});

const functionResult = object({
  name: string,
  memoryMb: positiveCount,
  samples: array(sample),
  summaries: summariesByPhase,
  coldOverWarm: latencyRatios,
});

const comparison = object({
  id: string,
  reuseFunction: string,
  naiveFunction: string,
  phase: oneOf(PHASES),
  naiveOverReuse: latencyRatios,
});

const burst = object({
  function: string,
  concurrency: positiveCount,
  startedAtMs: nonNegative,
  requests: count,
  environmentsBefore: count,
  environmentsCreated: count,
  coldStartsSeen: count,
  throttled: count,
  errors: count,
  clientMs: nullable(summary),
});

const instance: Check = (v, p) => {
  object({
    id: string,
    function: string,
    createdAtMs: nonNegative,
    endedAtMs: nullable(nonNegative),
    invocations: count,
  })(v, p);
  const i = v as { createdAtMs: number; endedAtMs: number | null };
  if (i.endedAtMs !== null && i.endedAtMs < i.createdAtMs)
    fail(`${p}.endedAtMs`, `≥ createdAtMs (${i.createdAtMs})`, i.endedAtMs);
};

const results = object({
  schemaVersion: (v, p) => {
    if (v !== SCHEMA_VERSION) fail(p, `${SCHEMA_VERSION} (this reader knows schema version ${SCHEMA_VERSION} only)`, v);
  },
  generatedAt: (v, p) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) fail(p, 'an ISO 8601 date-time string', v);
  },
  target: oneOf(['local', 'aws']),
  startedAtMs: nonNegative,
  finishedAtMs: nonNegative,
  machine: object({
    cpuModel: string,
    cores: positiveCount,
    memoryBytes: positiveCount,
    os: string,
    arch: string,
    nodeVersion: string,
  }),
  versions: object({ project: string, runtime: string, node: string, sdk: string }),
  settings: object({ coldStarts: count, warmInvocations: count, concurrency: positiveCount, warmupsDiscarded: count }),
  functions: array(functionResult),
  comparisons: array(comparison),
  bursts: array(burst),
  instances: array(instance),
  notes: optional(array(string)),
  executionModels: optional(
    object({
      secondsPerCell: nonNegative,
      maxRequestsPerCell: positiveCount,
      concurrencies: array(positiveCount),
      functions: array(string),
      cells: array(
        object({
          model: oneOf(EXECUTION_MODELS),
          function: string,
          concurrency: positiveCount,
          elapsedMs: nonNegative,
          requests: count,
          answered: count,
          throttled: count,
          errors: count,
          throughputRps: nonNegative,
          latencyMs: nullable(object({ p50: nonNegative, p95: nonNegative, p99: nonNegative })),
          environmentsUsed: count,
          environmentsAlive: nullable(count),
          dbConnectionsUsed: nullable(count),
          dbConnectionsOpened: nullable(count),
          environmentsRssMb: nullable(nonNegative),
        }),
      ),
    }),
  ),
});

/**
 * Checks that `value` is a results object of schema version SCHEMA_VERSION (2) and narrows its type.
 *
 * @throws ResultsSchemaError naming the first offending field, e.g.
 *   `results.functions[0].samples[3].durationMs must be a finite number ≥ 0 or null, got "12 ms"`.
 * @example
 * const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'));
 * validateResults(results); // throws, or results is now BenchResults
 * renderReport(results);
 */
export function validateResults(value: unknown): asserts value is BenchResults {
  results(value, '');
  const r = value as BenchResults;
  if (r.finishedAtMs < r.startedAtMs) fail('finishedAtMs', `≥ startedAtMs (${r.startedAtMs})`, r.finishedAtMs);
  const names = new Set<string>();
  r.functions.forEach((f, i) => {
    if (names.has(f.name)) fail(`functions[${i}].name`, 'unique across functions', f.name);
    names.add(f.name);
  });
}

/**
 * Parses a results file's text and validates it.
 *
 * @throws ResultsSchemaError for invalid JSON (path `(file)`) or a schema mismatch.
 * @example
 * const results = parseResults(readFileSync(path, 'utf8'));
 */
export function parseResults(text: string): BenchResults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw Object.assign(new ResultsSchemaError('(file)', 'valid JSON', text.slice(0, 40)), { cause: error });
  }
  validateResults(value);
  return value;
}

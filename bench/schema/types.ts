import type { RatioEstimate, Summary } from '../stats';

/**
 * The benchmark's results file, schema version 2 (SCHEMA_VERSION). Documented in docs/bench-results-schema.md.
 * Stable: within a schemaVersion only additive changes (new optional fields) are allowed, and the
 * validator ignores fields it does not know, so a newer file of the same version still validates.
 * Times are epoch milliseconds; durations are milliseconds; memory is MB unless the name says bytes.
 */
export const SCHEMA_VERSION = 2 as const;

export type Target = 'local' | 'aws';

/** Which scenario produced a sample. */
export type Phase = 'cold' | 'warm' | 'warm-concurrent' | 'warm-http' | 'burst';
export const PHASES: readonly Phase[] = ['cold', 'warm', 'warm-concurrent', 'warm-http', 'burst'];

/** The per-sample measurements that get summaries. */
export type Metric = 'clientMs' | 'durationMs' | 'initDurationMs' | 'maxMemoryUsedMb';
export const METRICS: readonly Metric[] = ['clientMs', 'durationMs', 'initDurationMs', 'maxMemoryUsedMb'];

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  /** e.g. `linux 6.8.0-45-generic`. */
  readonly os: string;
  readonly arch: string;
  /** The Node.js that ran the benchmark (not the functions' runtime). */
  readonly nodeVersion: string;
}

export interface Versions {
  /** package.json version of this project. */
  readonly project: string;
  /** The functions' runtime: `nodejs24.x` on AWS, or the local runtime's name and version. */
  readonly runtime: string;
  /** Node.js version the functions ran on. */
  readonly node: string;
  /** @aws-sdk/client-lambda version used to drive the invokes. */
  readonly sdk: string;
}

export interface Settings {
  /** N: forced cold starts per function. */
  readonly coldStarts: number;
  /** M: warm invocations per function, sequential and again at concurrency C. */
  readonly warmInvocations: number;
  /** C: concurrency of the concurrent warm scenario and the burst's size. */
  readonly concurrency: number;
  /** Warm-up invocations run before measuring each scenario and discarded (not in samples). */
  readonly warmupsDiscarded: number;
  /** True for a `--quick` run: it checks that everything runs, its samples are too small for findings. Absent in older files. */
  readonly smokeRun?: boolean;
}

/** One measured invocation. A field that the path did not measure is null (e.g. the REPORT figures of a request through the HTTP API). */
export interface Sample {
  readonly phase: Phase;
  /** Epoch ms when the request was sent. */
  readonly startedAtMs: number;
  /** Latency seen by the client over HTTP through the API, or of the Invoke call. */
  readonly clientMs: number | null;
  /** Duration from the REPORT line. */
  readonly durationMs: number | null;
  /** Init Duration from the REPORT line; null on warm invocations. */
  readonly initDurationMs: number | null;
  readonly maxMemoryUsedMb: number | null;
  /** True when this invocation ran INIT (REPORT had an Init Duration). */
  readonly coldStart: boolean;
  /** The execution environment that served it (see `instances`); null if unknown. */
  readonly instanceId: string | null;
  /** HTTP status or 200 for a direct invoke; errors are kept as samples so they are not hidden. */
  readonly statusCode: number;
}

/** Summaries of one phase's samples, per metric; null where nothing was measured. */
export type MetricSummaries = { readonly [M in Metric]: Summary | null };

/** Ratios of the client latency and of the server Duration. */
export interface LatencyRatios {
  readonly clientMs: RatioEstimate | null;
  readonly durationMs: RatioEstimate | null;
}

export interface FunctionResult {
  /** Catalog name, e.g. `db`. */
  readonly name: string;
  readonly memoryMb: number;
  readonly samples: readonly Sample[];
  /** Derived from samples (see assembleResults); one entry per phase that has samples. */
  readonly summaries: { readonly [P in Phase]?: MetricSummaries };
  /** mean(cold) / mean(warm), with the 95% interval. */
  readonly coldOverWarm: LatencyRatios;
}

/** Naive twin against the reuse function, both measured warm and sequential. */
export interface Comparison {
  /** What is reused: `config` (SSM values cached in memory) or `db` (pooled connection). */
  readonly id: string;
  readonly reuseFunction: string;
  readonly naiveFunction: string;
  readonly phase: Phase;
  /** mean(naive) / mean(reuse); above 1 means reuse is faster. */
  readonly naiveOverReuse: LatencyRatios;
}

/** A burst from zero to `concurrency` simultaneous requests. */
export interface BurstResult {
  readonly function: string;
  readonly concurrency: number;
  readonly startedAtMs: number;
  readonly requests: number;
  /** Environments alive before the burst (0 after a forced cold start). */
  readonly environmentsBefore: number;
  /** New environments the burst caused. */
  readonly environmentsCreated: number;
  /** Callers whose request ran INIT. */
  readonly coldStartsSeen: number;
  /** 429 TooManyRequests answers. */
  readonly throttled: number;
  /** Other non-2xx answers. */
  readonly errors: number;
  readonly clientMs: Summary | null;
}

/** One execution environment, for the executions-per-instance chart and the timeline. */
export interface Instance {
  readonly id: string;
  readonly function: string;
  readonly createdAtMs: number;
  /** null while still alive when the run ended. */
  readonly endedAtMs: number | null;
  readonly invocations: number;
}

/** How a function ran: classic (one invocation per environment at a time) or Lambda Managed Instances. */
export type ExecutionModel = 'classic' | 'managed-instances';
export const EXECUTION_MODELS: readonly ExecutionModel[] = ['classic', 'managed-instances'];

/** Latency percentiles of one cell's answered requests, client side, ms. */
export interface CellLatency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** One cell of the classic-vs-LMI comparison: one model × function × concurrency, a closed loop through the HTTP API. */
export interface ExecutionModelCell {
  readonly model: ExecutionModel;
  /** Catalog short name, e.g. `db`. */
  readonly function: string;
  /** Requests kept in flight (closed loop: each sends its next request when answered). */
  readonly concurrency: number;
  /** Measured time of the cell, ms (after its warm-up). */
  readonly elapsedMs: number;
  readonly requests: number;
  /** 2xx answers; throughput and latency count only these. */
  readonly answered: number;
  /** 429 TooManyRequests answers. */
  readonly throttled: number;
  /** Other non-2xx answers and transport errors. */
  readonly errors: number;
  /** Answered requests per second. */
  readonly throughputRps: number;
  /** null when nothing was answered. */
  readonly latencyMs: CellLatency | null;
  /** Distinct environments (response `instanceId`) that answered in the cell. */
  readonly environmentsUsed: number;
  /** Environments the runtime lists alive at the cell's end (local only; null on AWS). */
  readonly environmentsAlive: number | null;
  /**
   * Distinct PostgreSQL backends (the `backendPid` the db functions answer with, PostgreSQL's
   * `pg_backend_pid()`) that served the cell, warm-up included: the connections this model holds on the
   * database. null for functions that use no database.
   */
  readonly dbConnectionsUsed: number | null;
  /** Of those, backends not seen in an earlier cell of the same model and function: connections opened in the cell. */
  readonly dbConnectionsOpened: number | null;
  /** Sum of the function's environment processes' RSS at the cell's end, MB (local: /proc; null on AWS). */
  readonly environmentsRssMb: number | null;
}

/** The classic-vs-LMI benchmark (`npm run bench -- --models`); absent in other runs. */
export interface ExecutionModelsResult {
  readonly secondsPerCell: number;
  /** Bound on the requests of one cell. */
  readonly maxRequestsPerCell: number;
  readonly concurrencies: readonly number[];
  readonly functions: readonly string[];
  readonly cells: readonly ExecutionModelCell[];
}

export interface BenchResults {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly target: Target;
  /** Run bounds, epoch ms: the timeline's axis. */
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  readonly machine: Machine;
  readonly versions: Versions;
  readonly settings: Settings;
  readonly functions: readonly FunctionResult[];
  readonly comparisons: readonly Comparison[];
  readonly bursts: readonly BurstResult[];
  readonly instances: readonly Instance[];
  /** Free-form remarks shown in the report, e.g. "synthetic data". */
  readonly notes?: readonly string[];
  /** Classic against Lambda Managed Instances on the same handlers (`--models` runs only). */
  readonly executionModels?: ExecutionModelsResult;
}

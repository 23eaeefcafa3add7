/**
 * The one list of the project's functions. The build (one bundle each), the CDKTF stack
 * (one aws_lambda_function each, its routes and IAM) and the benchmark all read it,
 * so adding a function is one entry here plus its folder.
 */
export interface FunctionSpec {
  /** Short name; the deployed name is `<prefix>-<stage>-<name>`. */
  readonly name: string;
  /** Handler source, relative to the repository root. Bundled to `dist/functions/<name>/index.js`. */
  readonly entry: string;
  /** HTTP API route keys served by this function. */
  readonly routes: readonly string[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reads the app's parameters from SSM Parameter Store. */
  readonly usesSsm: boolean;
  /** Talks to PostgreSQL; gets VPC config in managed mode and counts in the connection budget. */
  readonly usesDb: boolean;
  /** pg Pool max per environment (db users only). */
  readonly poolMax?: number;
  /** Reserved concurrency; required for db users so the connection budget can be checked. */
  readonly reservedConcurrency?: number;
  /** The reuse function this one is the naive twin of, if any. */
  readonly naiveTwinOf?: string;
  readonly description: string;
}

export const functionCatalog: readonly FunctionSpec[] = [
  {
    name: 'hello',
    entry: 'functions/hello/handler.ts',
    routes: ['GET /hello'],
    memoryMb: 128,
    timeoutSeconds: 3,
    usesSsm: false,
    usesDb: false,
    description: 'Instance echo: which execution environment served this request, and how many it has served.',
  },
  {
    name: 'hello-lmi',
    entry: 'functions/hello/lmi.ts',
    routes: ['GET /hello/lmi'],
    memoryMb: 128,
    timeoutSeconds: 3,
    usesSsm: false,
    usesDb: false,
    description:
      'Holds each request briefly (?holdMs=) so concurrent requests overlap; under Managed Instances they share ' +
      'one environment, and the answer shows its instanceId, the workerId and the requests in flight.',
  },
  {
    name: 'config',
    entry: 'functions/config/handler.ts',
    routes: ['GET /config'],
    memoryMb: 256,
    timeoutSeconds: 5,
    usesSsm: true,
    usesDb: false,
    description: 'Config loaded once from SSM at module scope and served from memory with a TTL.',
  },
  {
    name: 'config-naive',
    entry: 'functions/config/naive.ts',
    routes: ['GET /config/naive'],
    memoryMb: 256,
    timeoutSeconds: 5,
    usesSsm: true,
    usesDb: false,
    naiveTwinOf: 'config',
    description: 'Naive twin of config: fetches every parameter from SSM on every call.',
  },
  {
    name: 'db',
    entry: 'functions/db/handler.ts',
    routes: ['GET /db', 'POST /db'],
    memoryMb: 256,
    timeoutSeconds: 10,
    usesSsm: true,
    usesDb: true,
    poolMax: 1,
    reservedConcurrency: 20,
    description: 'Records a visit through a module-scope pg Pool that survives warm invocations.',
  },
  {
    name: 'db-naive',
    entry: 'functions/db/naive.ts',
    routes: ['GET /db/naive', 'POST /db/naive'],
    memoryMb: 256,
    timeoutSeconds: 10,
    usesSsm: true,
    usesDb: true,
    poolMax: 1,
    reservedConcurrency: 20,
    naiveTwinOf: 'db',
    description: 'Naive twin of db: config from SSM and a new pg Client connected and closed on every call.',
  },
  {
    name: 'breaker',
    entry: 'functions/breaker/handler.ts',
    routes: ['GET /breaker'],
    memoryMb: 256,
    timeoutSeconds: 10,
    usesSsm: true,
    usesDb: true,
    poolMax: 1,
    reservedConcurrency: 10,
    description: 'Calls the database through a module-scope circuit breaker, with a controllable fault.',
  },
];

/** Looks a function up by its short name; throws a RangeError naming the known names. */
export function functionSpec(name: string): FunctionSpec {
  const spec = functionCatalog.find((f) => f.name === name);
  if (!spec) {
    throw new RangeError(`unknown function "${name}"; known: ${functionCatalog.map((f) => f.name).join(', ')}`);
  }
  return spec;
}

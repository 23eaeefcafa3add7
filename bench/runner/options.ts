import { resolve } from 'node:path';
import { defineCommandLine, formatHelp, parseCommandLine, toNumber, UsageError } from '../../common/cli-args';
import { functionCatalog } from '../../functions/catalog';
import { EXECUTION_MODELS, type ExecutionModel } from '../schema';
import type { TargetKind } from '../targets/types';
import { BenchOptionError } from './errors';

/** Every option of a benchmark run, resolved. */
export interface BenchOptions {
  /** N: forced cold starts per function. */
  readonly cold: number;
  /** M: warm invocations per function, sequential and again at concurrency C. */
  readonly warm: number;
  /** C: concurrency of the concurrent warm scenario and the size of the burst. */
  readonly concurrency: number;
  /** W: warm-up invocations before each warm scenario, discarded. */
  readonly warmup: number;
  /** Catalog short names to measure. */
  readonly functions: readonly string[];
  /** Where the JSON and HTML go. */
  readonly outDir: string;
  readonly target: TargetKind;
  /** Stack name, for `terraform output -json` with --target aws. */
  readonly stack: string;
  /** A JSON file of the stack's outputs instead of terraform. */
  readonly outputsFile?: string;
  /** Skip the build and synth of the local stack (dist/ and cdktf.out/ already fresh). */
  readonly build: boolean;
  /** Bound on each HTTP request, ms. */
  readonly requestTimeoutMs: number;
  /** `--quick`: the output and the report say it is a smoke run. */
  readonly smokeRun?: boolean;
  /** `--models`: run only the classic-vs-Managed-Instances comparison (bench/scenarios/models.ts). */
  readonly models?: boolean;
  /** `--models`: measured seconds per model × function × concurrency cell. */
  readonly cellSeconds: number;
  /** `--models --target aws`: which variant the deployed stack is (`LAMBDA_MODE` it was deployed with). */
  readonly deployedModel: ExecutionModel;
}

const allFunctions = functionCatalog.map((f) => f.name);

export const defaults: BenchOptions = {
  cold: 5,
  warm: 30,
  concurrency: 5,
  warmup: 2,
  functions: allFunctions,
  outDir: 'bench/results',
  target: 'local',
  stack: 'lambda-reuse-lab-dev',
  build: true,
  requestTimeoutMs: 30_000,
  cellSeconds: 5,
  deployedModel: 'classic',
};

/** `--models` without `--functions`: the trivial handler and the pooled database one, with its naive twin. */
export const modelFunctions: readonly string[] = ['hello', 'db', 'db-naive'];
/** `--models`: the concurrencies every function is measured at, in both models. */
export const modelConcurrencies: readonly number[] = [1, 10, 50];
/** `--models`: the most measured requests in one cell, whatever its length. */
export const maxRequestsPerCell = 20_000;

/** `--quick`: a smoke run, seconds instead of a minute or two. */
export const quick: Partial<BenchOptions> = { cold: 2, warm: 5, concurrency: 3, warmup: 1 };

export const TARGETS: readonly TargetKind[] = ['local', 'aws'];

type CountOption = 'cold' | 'warm' | 'concurrency' | 'warmup';

/** The one table of allowed counts: validateOptions checks against it, and the parser names it when a value is not an integer. */
const COUNT_RANGES: {
  readonly [K in CountOption]: { readonly flag: string; readonly min: number; readonly max: number };
} = {
  cold: { flag: '--cold', min: 1, max: 1000 },
  warm: { flag: '--warm', min: 2, max: 100_000 },
  concurrency: { flag: '--concurrency', min: 1, max: 1000 },
  warmup: { flag: '--warmup', min: 0, max: 1000 },
};

const allowedCount = (option: CountOption): string =>
  `an integer from ${COUNT_RANGES[option].min} to ${COUNT_RANGES[option].max}`;

/**
 * The one place a run's options are checked. Fails with a BenchOptionError naming the option, the value
 * and what is allowed.
 *
 * @example
 * validateOptions({ ...defaults, cold: 0 }); // throws: --cold: "0" is not allowed; expected an integer from 1 to 1000
 */
export function validateOptions(o: BenchOptions): BenchOptions {
  for (const option of Object.keys(COUNT_RANGES) as CountOption[]) {
    const { flag, min, max } = COUNT_RANGES[option];
    const n = o[option];
    if (!Number.isInteger(n) || n < min || n > max) throw new BenchOptionError(flag, String(n), allowedCount(option));
  }
  if (!TARGETS.includes(o.target)) throw new BenchOptionError('--target', o.target, TARGETS.join(' or '));
  if (o.functions.length === 0)
    throw new BenchOptionError('--functions', '', `a comma list of ${allFunctions.join(', ')}`);
  for (const f of o.functions) {
    if (!allFunctions.includes(f))
      throw new BenchOptionError('--functions', f, `names from ${allFunctions.join(', ')}`);
  }
  if (o.outDir.trim() === '') throw new BenchOptionError('--out', o.outDir, 'a folder path');
  if (o.stack.trim() === '') throw new BenchOptionError('--stack', o.stack, 'a stack name');
  if (!Number.isFinite(o.cellSeconds) || o.cellSeconds <= 0 || o.cellSeconds > 600)
    throw new BenchOptionError('--cell-seconds', String(o.cellSeconds), 'a number of seconds above 0, at most 600');
  if (!EXECUTION_MODELS.includes(o.deployedModel))
    throw new BenchOptionError('--model', o.deployedModel, EXECUTION_MODELS.join(' or '));
  if (o.outputsFile !== undefined && o.target !== 'aws')
    throw new BenchOptionError('--outputs', o.outputsFile, 'only with --target aws');
  return o;
}

export const benchCommandLine = defineCommandLine({
  usage: 'npm run bench -- [options]',
  description: `Measures cold and warm invocations, reuse against naive, and a burst, on the local stack (started here)
or on a deployed stack. Writes <out>/<timestamp>-<target>.json and .html, and latest.json/latest.html.`,
  flags: {
    target: {
      type: 'string',
      valueName: 'local|aws',
      allowed: TARGETS.join(' or '),
      default: defaults.target,
      description: 'what to measure; local starts the local stack itself',
    },
    cold: {
      type: 'string',
      valueName: 'N',
      allowed: allowedCount('cold'),
      default: defaults.cold,
      description: 'forced cold starts per function',
    },
    warm: {
      type: 'string',
      valueName: 'M',
      allowed: allowedCount('warm'),
      default: defaults.warm,
      description: 'warm invocations per function, sequential and at concurrency C',
    },
    concurrency: {
      type: 'string',
      valueName: 'C',
      allowed: allowedCount('concurrency'),
      default: defaults.concurrency,
      description: 'concurrency of the concurrent warm run, and size of the burst',
    },
    warmup: {
      type: 'string',
      valueName: 'W',
      allowed: allowedCount('warmup'),
      default: defaults.warmup,
      description: 'warm-up invocations before each warm run, discarded',
    },
    functions: {
      type: 'string',
      valueName: 'a,b',
      allowed: `a comma list of ${allFunctions.join(', ')}`,
      default: 'all',
      description: `functions to measure, from ${allFunctions.join(', ')}`,
    },
    out: {
      type: 'string',
      valueName: 'DIR',
      allowed: 'a folder path',
      default: defaults.outDir,
      description: 'output folder',
    },
    stack: {
      type: 'string',
      valueName: 'NAME',
      allowed: 'a stack name',
      default: defaults.stack,
      description: 'stack for --target aws: reads terraform output -json in cdktf.out/stacks/NAME',
    },
    outputs: {
      type: 'string',
      valueName: 'FILE',
      allowed: 'a JSON file',
      description: 'stack outputs as JSON ({ api_url, functions: { short: { name, arn } } }) instead of terraform',
    },
    'no-build': { type: 'boolean', description: 'local: serve dist/ and cdktf.out/ as they are (no build, no synth)' },
    models: {
      type: 'boolean',
      description: `only classic against Lambda Managed Instances: ${modelFunctions.join(', ')} (or --functions) at concurrency ${modelConcurrencies.join(', ')}; local starts the stack twice (a classic and an LMI synth)`,
    },
    'cell-seconds': {
      type: 'string',
      valueName: 'S',
      allowed: 'a number of seconds above 0, at most 600',
      default: defaults.cellSeconds,
      description: `--models: measured seconds per model × function × concurrency (at most ${maxRequestsPerCell} requests)`,
    },
    model: {
      type: 'string',
      valueName: 'classic|managed-instances',
      allowed: EXECUTION_MODELS.join(' or '),
      default: defaults.deployedModel,
      description: '--models --target aws: the LAMBDA_MODE the deployed stack was synthesized with',
    },
    quick: {
      type: 'boolean',
      description: `small run: --cold ${quick.cold} --warm ${quick.warm} --concurrency ${quick.concurrency} --warmup ${quick.warmup} (explicit flags win)`,
    },
  },
});

/** `npm run bench -- --help`. */
export const USAGE = formatHelp(benchCommandLine);

/** The runner's one option error for a command line the shared parser refused. */
function toBenchOptionError(err: UsageError): BenchOptionError {
  switch (err.problem) {
    case 'unknown-flag':
    case 'unexpected-argument':
      return new BenchOptionError('argument', err.flag, `one of ${err.allowed}`);
    case 'missing-value':
      return new BenchOptionError(err.flag, undefined, `a value after the flag: ${err.allowed}`);
    default:
      return new BenchOptionError(err.flag, err.value, err.allowed);
  }
}

const count = (option: CountOption, text: string | undefined): number | undefined =>
  text === undefined
    ? undefined
    : toNumber(COUNT_RANGES[option].flag, text, { ...COUNT_RANGES[option], allowed: allowedCount(option) });

/**
 * Parses the command line (`--flag value` or `--flag=value`) into options, which validateOptions then checks, or `'help'`.
 *
 * @throws BenchOptionError for an unknown flag, a missing value, or a value out of range.
 * @example
 * parseBenchArgs(['--quick', '--functions', 'hello,db'], '/repo');
 */
export function parseBenchArgs(argv: readonly string[], rootDir: string): BenchOptions | 'help' {
  try {
    const parsed = parseCommandLine(benchCommandLine, argv);
    if (parsed === 'help') return 'help';
    const f = parsed.flags;
    const given: { -readonly [K in keyof BenchOptions]?: BenchOptions[K] } = {
      cold: count('cold', f.cold),
      warm: count('warm', f.warm),
      concurrency: count('concurrency', f.concurrency),
      warmup: count('warmup', f.warmup),
      functions: f.functions
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      outDir: f.out,
      target: f.target as TargetKind | undefined,
      stack: f.stack,
      outputsFile: f.outputs,
      build: f['no-build'] ? false : undefined,
      models: f.models ? true : undefined,
      cellSeconds:
        f['cell-seconds'] === undefined
          ? undefined
          : toNumber('--cell-seconds', f['cell-seconds'], {
              min: Number.MIN_VALUE,
              max: 600,
              integer: false,
              allowed: 'a number of seconds above 0, at most 600',
            }),
      deployedModel: f.model as ExecutionModel | undefined,
    };
    if (f.models && f.functions === undefined) given.functions = modelFunctions;
    const merged: BenchOptions = {
      ...defaults,
      ...(f.quick ? { ...quick, smokeRun: true } : {}),
      ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
    };
    return validateOptions({
      ...merged,
      outDir: resolve(rootDir, merged.outDir),
      ...(merged.outputsFile !== undefined ? { outputsFile: resolve(rootDir, merged.outputsFile) } : {}),
    });
  } catch (err) {
    throw err instanceof UsageError ? toBenchOptionError(err) : err;
  }
}

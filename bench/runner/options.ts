import { resolve } from 'node:path';
import { functionCatalog } from '../../functions/catalog';
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
};

/** `--quick`: a smoke run, seconds instead of a minute or two. */
export const quick: Partial<BenchOptions> = { cold: 2, warm: 5, concurrency: 3, warmup: 1 };

export const TARGETS: readonly TargetKind[] = ['local', 'aws'];

export const USAGE = `Usage: npm run bench -- [options]

Measures cold and warm invocations, reuse against naive, and a burst, on the local stack (started here)
or on a deployed stack. Writes <out>/<timestamp>-<target>.json and .html, and latest.json/latest.html.

Options:
  --target local|aws     What to measure (default local: starts the local stack itself)
  --cold N               Forced cold starts per function (default ${defaults.cold})
  --warm M               Warm invocations per function, sequential and at concurrency C (default ${defaults.warm})
  --concurrency C        Concurrency of the concurrent warm run, and size of the burst (default ${defaults.concurrency})
  --warmup W             Warm-up invocations before each warm run, discarded (default ${defaults.warmup})
  --functions a,b        Functions to measure (default all: ${allFunctions.join(', ')})
  --out DIR              Output folder (default ${defaults.outDir})
  --stack NAME           Stack for --target aws: reads terraform output -json in cdktf.out/stacks/NAME (default ${defaults.stack})
  --outputs FILE         Stack outputs as JSON ({ api_url, functions: { short: { name, arn } } }) instead of terraform
  --no-build             Local: serve dist/ and cdktf.out/ as they are (no build, no synth)
  --quick                Small run: --cold ${quick.cold} --warm ${quick.warm} --concurrency ${quick.concurrency} --warmup ${quick.warmup} (explicit flags win)
  --help                 Show this help
`;

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
  if (o.outputsFile !== undefined && o.target !== 'aws')
    throw new BenchOptionError('--outputs', o.outputsFile, 'only with --target aws');
  return o;
}

/** Converts a count flag's text; the range is validateOptions' business. */
function toInteger(option: CountOption, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n))
    throw new BenchOptionError(COUNT_RANGES[option].flag, raw, allowedCount(option));
  return n;
}

/**
 * Parses the command line (`--flag value` or `--flag=value`) into options, which validateOptions then checks, or `'help'`.
 *
 * @throws BenchOptionError for an unknown flag, a missing value, or a value out of range.
 * @example
 * parseBenchArgs(['--quick', '--functions', 'hello,db'], '/repo');
 */
export function parseBenchArgs(argv: readonly string[], rootDir: string): BenchOptions | 'help' {
  const given: { -readonly [K in keyof BenchOptions]?: BenchOptions[K] } = {};
  let useQuick = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new BenchOptionError(flag, v, 'a value after the flag');
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--cold':
        given.cold = toInteger('cold', value());
        break;
      case '--warm':
        given.warm = toInteger('warm', value());
        break;
      case '--concurrency':
        given.concurrency = toInteger('concurrency', value());
        break;
      case '--warmup':
        given.warmup = toInteger('warmup', value());
        break;
      case '--functions':
        given.functions = value()
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        break;
      case '--out':
        given.outDir = value();
        break;
      case '--target':
        given.target = value() as TargetKind;
        break;
      case '--stack':
        given.stack = value();
        break;
      case '--outputs':
        given.outputsFile = value();
        break;
      case '--no-build':
        given.build = false;
        break;
      case '--quick':
        useQuick = true;
        break;
      default:
        throw new BenchOptionError(
          'argument',
          arg,
          'one of --target, --cold, --warm, --concurrency, --warmup, --functions, --out, --stack, --outputs, --no-build, --quick, --help',
        );
    }
  }
  const merged: BenchOptions = { ...defaults, ...(useQuick ? { ...quick, smokeRun: true } : {}), ...given };
  return validateOptions({
    ...merged,
    outDir: resolve(rootDir, merged.outDir),
    ...(merged.outputsFile !== undefined ? { outputsFile: resolve(rootDir, merged.outputsFile) } : {}),
  });
}

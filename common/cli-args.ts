/**
 * The one way the project's command lines are read: `node:util` `parseArgs` under an option table
 * that also writes `--help`, and a {@link UsageError} (code `EUSAGE`) that names the flag and what it
 * accepts. Every CLI (`npm start`, `npm run bench`, serve, the perf scripts and probes) goes through here,
 * so `--flag value`, `--flag=value`, repeats, `--no-X` switches and the errors read the same everywhere.
 */
import { parseArgs } from 'node:util';
import { CodedError } from './errors';

/** One flag of a command line. The key in {@link CommandLine.flags} is the flag without `--`. */
export interface FlagSpec {
  /** `string` takes a value (`--flag value` or `--flag=value`); `boolean` is a switch that takes none. */
  readonly type: 'string' | 'boolean';
  /** The value's name in `--help`, e.g. `<n>`, `FILE`. */
  readonly valueName?: string;
  /** What a value must be, for errors: e.g. `an integer from 1 to 1000`. Defaults to the value's name. */
  readonly allowed?: string;
  /** Shown in `--help` as `(default …)`. The parser does not apply it: the CLI's defaults object does. */
  readonly default?: string | number | boolean;
  /** One line, or several separated by `\n`, for `--help`. */
  readonly description: string;
  /** The flag may repeat and every value is kept, in order; otherwise the last one wins. */
  readonly multiple?: boolean;
  /** The command cannot run without it. */
  readonly required?: boolean;
  /** The value holds a secret (a password in a URL): no error or help text ever shows it. */
  readonly secret?: boolean;
}

/** A positional argument, e.g. the results file of `bench/report/cli.ts`. */
export interface PositionalSpec {
  /** As shown in usage and errors, e.g. `<results.json>`. */
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/** A command line: the table its parser, its errors and its `--help` are made from. */
export interface CommandLine<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  /** What follows `Usage: `, e.g. `npm start -- [options]`. */
  readonly usage: string;
  /** Paragraphs between the usage line and the options. */
  readonly description?: string;
  readonly flags: F;
  /** In order; none means a stray argument is an error. */
  readonly positionals?: readonly PositionalSpec[];
  /** Paragraphs after the options. */
  readonly epilogue?: string;
}

type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['multiple'] extends true
    ? string[]
    : string;

/** The flags given, as text: a repeatable flag always has its list (maybe empty), others only when given. */
export type ParsedFlags<F extends Record<string, FlagSpec>> = {
  [K in keyof F as F[K]['multiple'] extends true ? K : never]: FlagValue<F[K]>;
} & {
  [K in keyof F as F[K]['multiple'] extends true ? never : K]?: FlagValue<F[K]>;
};

/** What {@link parseCommandLine} found. */
export interface ParsedCommandLine<F extends Record<string, FlagSpec>> {
  readonly flags: ParsedFlags<F>;
  readonly positionals: readonly string[];
}

/** What is wrong with a command line; {@link UsageError} words each the same way for every CLI. */
export type UsageProblem = 'unknown-flag' | 'unexpected-argument' | 'missing-value' | 'required' | 'invalid-value';

/** What a {@link UsageError} says. */
export interface Usage {
  readonly problem: UsageProblem;
  /** The flag concerned (`--seconds`), a positional's name (`<results.json>`), or the unknown argument itself. */
  readonly flag: string;
  /** The text given, when there was one and it is no secret. */
  readonly value?: string;
  /** What would have been accepted, e.g. `an integer from 1 to 600`, or the list of flags. */
  readonly allowed: string;
}

/**
 * A command line the program cannot run with. The message names the flag and what it accepts; CLIs
 * exit with status 2 on it ({@link parseOrExit}).
 *
 * @example
 * throw new UsageError({ problem: 'invalid-value', flag: '--seconds', value: 'abc', allowed: 'a number above 0' });
 * // message: --seconds is "abc"; allowed: a number above 0
 */
export class UsageError extends CodedError implements Usage {
  readonly problem: UsageProblem;
  readonly flag: string;
  // Declared, not initialised: without a value given, the error has no `value` at all.
  declare readonly value?: string;
  readonly allowed: string;

  constructor(what: Usage, options?: ErrorOptions) {
    super('EUSAGE', usageMessage(what), options);
    this.problem = what.problem;
    this.flag = what.flag;
    if (what.value !== undefined) this.value = what.value;
    this.allowed = what.allowed;
  }
}

function usageMessage({ problem, flag, value, allowed }: Usage): string {
  switch (problem) {
    case 'unknown-flag':
      return `unknown flag ${JSON.stringify(flag)}; allowed: ${allowed}`;
    case 'unexpected-argument':
      return `unexpected argument ${JSON.stringify(flag)}; allowed: ${allowed}`;
    case 'missing-value':
      return `${flag} needs a value; allowed: ${allowed}`;
    case 'required':
      return `${flag} is required; allowed: ${allowed}`;
    case 'invalid-value':
      return `${flag} is ${value === undefined ? 'not allowed (value hidden)' : JSON.stringify(value)}; allowed: ${allowed}`;
  }
}

const helpFlag: FlagSpec = { type: 'boolean', description: 'show this help' };

/**
 * Declares a command line; only gives the table its exact type, so parsed flags are typed by it.
 *
 * @example
 * const cli = defineCommandLine({
 *   usage: 'npx tsx bench/probes/sigchld-cost.ts [options]',
 *   flags: { cycles: { type: 'string', valueName: 'N', default: 3000, description: 'freeze/thaw cycles' } },
 * });
 */
export function defineCommandLine<const F extends Record<string, FlagSpec>>(cli: CommandLine<F>): CommandLine<F> {
  return cli;
}

/** Every flag of the command line, `--help` last, as an error lists them. */
function flagList(cli: CommandLine): string {
  return [...Object.keys(cli.flags).filter((name) => name !== 'help'), 'help'].map((name) => `--${name}`).join(', ');
}

function allowedValue(name: string, spec: FlagSpec): string {
  return spec.allowed ?? spec.valueName ?? `a value for --${name}`;
}

/**
 * Reads argv against the table: `--flag value` and `--flag=value`, `-h`/`--help` anywhere, repeats
 * kept for `multiple` flags (the last one wins otherwise), `--` ending the flags. Values stay text;
 * convert them with {@link toNumber} or the CLI's own checks.
 *
 * @returns `'help'` when `--help` or `-h` was given, otherwise the flags and positionals.
 * @throws UsageError for an unknown flag, a flag without its value (or a switch given one), a missing
 *   required flag or positional, or a stray argument.
 * @example
 * const parsed = parseCommandLine(cli, process.argv.slice(2));
 * if (parsed !== 'help') console.log(parsed.flags.cycles);
 */
export function parseCommandLine<F extends Record<string, FlagSpec>>(
  cli: CommandLine<F>,
  argv: readonly string[],
): ParsedCommandLine<F> | 'help' {
  const { tokens } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(Object.entries(cli.flags).map(([name, spec]) => [name, { type: spec.type }])),
      help: { type: 'boolean', short: 'h' },
    },
    // Not strict: parseArgs' own errors have no code of ours and no list of what is allowed, so
    // the tokens are checked here instead.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return 'help';

  const flags: Record<string, string | boolean | string[]> = {};
  for (const [name, spec] of Object.entries(cli.flags)) if (spec.multiple) flags[name] = [];
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const spec = Object.hasOwn(cli.flags, token.name) ? cli.flags[token.name] : undefined;
    if (!spec) throw new UsageError({ problem: 'unknown-flag', flag: token.rawName, allowed: flagList(cli) });
    const flag = `--${token.name}`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) {
        throw new UsageError({ problem: 'invalid-value', flag, value: token.value, allowed: 'no value (a switch)' });
      }
      flags[token.name] = true;
      continue;
    }
    // A flag followed by another flag lost its value (`--cold --warm 3`): say so rather than take `--warm`.
    if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('--'))) {
      throw new UsageError({ problem: 'missing-value', flag, allowed: allowedValue(token.name, spec) });
    }
    const previous = flags[token.name];
    if (Array.isArray(previous)) previous.push(token.value);
    else flags[token.name] = token.value;
  }

  for (const [name, spec] of Object.entries(cli.flags)) {
    if (spec.required && flags[name] === undefined) {
      throw new UsageError({ problem: 'required', flag: `--${name}`, allowed: allowedValue(name, spec) });
    }
  }
  const declared = cli.positionals ?? [];
  if (positionals.length > declared.length) {
    const stray = positionals[declared.length] as string;
    const allowed = declared.length === 0 ? flagList(cli) : `at most ${declared.map((p) => p.name).join(' ')}`;
    throw new UsageError({ problem: 'unexpected-argument', flag: stray, allowed });
  }
  declared.forEach((p, i) => {
    if (p.required && positionals[i] === undefined) {
      throw new UsageError({ problem: 'required', flag: p.name, allowed: p.description });
    }
  });
  return { flags: flags as ParsedFlags<F>, positionals };
}

/** How a flag's text becomes a number; the bounds are inclusive. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Only whole numbers (the default). */
  readonly integer?: boolean;
  /** The words for errors; defaults to `an integer from <min> to <max>` (or `a number …`). */
  readonly allowed?: string;
}

// Plain decimal notation only: Number() would also take '', ' ', '0x1f' and '1e3'.
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Converts a flag's text to a number strictly: anything that is not a decimal number inside the
 * range is a UsageError naming the flag and the range, never a fallback to the default.
 *
 * @example
 * toNumber('--seconds', 'abc', { min: 0.1, max: 600, integer: false }); // throws: --seconds is "abc"; allowed: a number from 0.1 to 600
 */
export function toNumber(flag: string, text: string, range: NumberRange): number {
  const integer = range.integer ?? true;
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < range.min || n > range.max) {
    const allowed = range.allowed ?? `${integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}`;
    throw new UsageError({ problem: 'invalid-value', flag, value: text, allowed });
  }
  return n;
}

/**
 * The `--help` text, from the same table the parser reads: usage, description, one line per flag
 * (flag, value name, description, default), then the epilogue.
 *
 * @example
 * process.stdout.write(formatHelp(cli));
 */
export function formatHelp(cli: CommandLine): string {
  const rows = [...Object.entries(cli.flags), ['help', helpFlag] as const satisfies [string, FlagSpec]].map(
    ([name, spec]) => {
      const left = `--${name}${spec.type === 'string' && spec.valueName ? ` ${spec.valueName}` : ''}`;
      const shown = spec.default === undefined || spec.secret ? '' : ` (default ${String(spec.default)})`;
      return { left, lines: `${spec.description}${shown}`.split('\n') };
    },
  );
  const positionalRows = (cli.positionals ?? []).map((p) => ({ left: p.name, lines: p.description.split('\n') }));
  const width = Math.max(...[...rows, ...positionalRows].map((r) => r.left.length)) + 2;
  const table = (list: typeof rows): string =>
    list
      .map(({ left, lines }) => lines.map((line, i) => `  ${(i === 0 ? left : '').padEnd(width)}${line}`).join('\n'))
      .join('\n');
  const parts = [`Usage: ${cli.usage}`];
  if (cli.description) parts.push(cli.description.trimEnd());
  if (positionalRows.length > 0) parts.push(`Arguments:\n${table(positionalRows)}`);
  parts.push(`Options:\n${table(rows)}`);
  if (cli.epilogue) parts.push(cli.epilogue.trimEnd());
  return `${parts.join('\n\n')}\n`;
}

/** What every CLI prints on stderr for a bad command line: the error, then where to look. */
export function formatUsageFailure(message: string): string {
  return `error: ${message}\n\nRun with --help for usage.\n`;
}

/** Where {@link parseOrExit} writes and how it ends the process; a test may pass its own. */
export interface ExitIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly exit: (code: number) => never;
}

/**
 * A CLI's first step, the same for every CLI: runs its parse, prints `--help` and exits 0, or prints
 * a UsageError's message on stderr and exits 2. Any other error is thrown on.
 *
 * @example
 * const options = parseOrExit(() => parseRuntimePerfArgs(process.argv.slice(2)), formatHelp(runtimePerfCommandLine));
 */
export function parseOrExit<T>(parse: () => T | 'help', help: string, io: ExitIo = process): T {
  // Help goes to stdout, a usage error to stderr: the one thing parseOrAnswer's single writer cannot say.
  let usageError = false;
  const parsed = parseOrAnswer(
    () => {
      try {
        return parse();
      } catch (err) {
        usageError = err instanceof UsageError;
        throw err;
      }
    },
    help,
    (text) => (usageError ? io.stderr : io.stdout).write(text),
  );
  return 'exitCode' in parsed ? io.exit(parsed.exitCode) : parsed.options;
}

/** What {@link parseOrAnswer} gives back: the options, or the exit code it already answered with. */
export type Parsed<T> = { readonly options: T } | { readonly exitCode: 0 | 2 };

/**
 * {@link parseOrExit} for a `main` that returns its exit code and writes through one function (so a
 * test can call it in-process): `--help` is written and answers 0, a usage error is written and
 * answers 2, anything else is thrown.
 *
 * @example
 * const parsed = parseOrAnswer(() => parseSmokeArgs(argv), SMOKE_USAGE, write);
 * if ('exitCode' in parsed) return parsed.exitCode;
 */
export function parseOrAnswer<T>(parse: () => T | 'help', help: string, write: (text: string) => void): Parsed<T> {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    write(formatUsageFailure(err.message));
    return { exitCode: 2 };
  }
  if (parsed === 'help') {
    write(help);
    return { exitCode: 0 };
  }
  return { options: parsed };
}

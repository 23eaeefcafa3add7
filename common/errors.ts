/**
 * The one base of every error the project throws, in functions, the kit, the local runtime, the
 * benchmark and the infrastructure. Callers branch on `code`, never on message text (opossum's
 * habit); codes are one style, `E` and upper-case letters (`ESTACKLOAD`, `EINVALIDOPTION`).
 * Errors that cross the wire add AWS's own type names on top (see local/runtime and local/ssm).
 *
 * @example
 * class StackLoadError extends CodedError {
 *   constructor(message: string, options?: ErrorOptions) {
 *     super('ESTACKLOAD', message, options);
 *   }
 * }
 */
export class CodedError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    // The class actually constructed names the error, so no subclass repeats it. Bundles keep
    // class names (esbuild keepNames), so the name survives minifying.
    this.name = new.target.name;
    this.code = code;
  }
}

/** What an {@link InvalidOptionError} says: which component, which option, the value, what is allowed. */
export interface InvalidOption {
  /** The component that refused it, e.g. `dev stack`, `bench`, `config cache`. */
  readonly component: string;
  /** The option, flag or environment variable, e.g. `--seconds` or `CONFIG_TTL_MS`. */
  readonly option: string;
  readonly value: unknown;
  /** What would have been accepted, e.g. `an integer from 1 to 600`. */
  readonly allowed: string;
}

/**
 * An option, flag or environment variable a component cannot work with. One class for every
 * component: the message names the option, the value and what is allowed; `component` says whose.
 *
 * @example
 * throw new InvalidOptionError({ component: 'bench', option: '--seconds', value: 'abc', allowed: 'a number above 0' });
 */
export class InvalidOptionError extends CodedError implements InvalidOption {
  readonly component: string;
  readonly option: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(what: InvalidOption, code = 'EINVALIDOPTION') {
    super(code, `${what.component}: option ${what.option} is ${describe(what.value)}; allowed: ${what.allowed}`);
    this.component = what.component;
    this.option = what.option;
    this.value = what.value;
    this.allowed = what.allowed;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * The stable code of an error AWS names by type: `E` and the type in upper case, without the
 * `Exception` suffix. The AWS type itself stays on the error (`awsType`), for the wire.
 *
 * @example
 * codeOfAwsType('ResourceNotFoundException'); // 'ERESOURCENOTFOUND'
 * codeOfAwsType('ParameterNotFound'); // 'EPARAMETERNOTFOUND'
 */
export function codeOfAwsType(awsType: string): string {
  return `E${awsType
    .replace(/Exception$/, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()}`;
}

/** The error's stable code, when it has one (a CodedError, or a Node system error). */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

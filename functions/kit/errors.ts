/**
 * The kit's error hierarchy, on the project's one error base: `name` comes from the class, `code`
 * is stable (callers branch on it, never on message text), the original `cause` is kept.
 * `statusCode` is what an HTTP handler answers when the error escapes it.
 *
 * The base lives in `common/errors.ts`: copy that file with the kit (the kit imports it as
 * `../../common/errors`; adjust the path if your service keeps it elsewhere).
 */
import { CodedError, type InvalidOption } from '../../common/errors';

export class KitError extends CodedError {
  readonly statusCode: number;

  constructor(code: string, statusCode: number, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.statusCode = statusCode;
  }
}

/**
 * An option or environment variable has a value the component cannot work with. A kit error (and
 * so answered by its code) rather than the project's generic InvalidOptionError, which is no KitError.
 */
export class InvalidOptionError extends KitError implements InvalidOption {
  readonly component: string;
  readonly option: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(what: InvalidOption) {
    super(
      'EKITOPTION',
      500,
      `${what.component}: option "${what.option}" is ${JSON.stringify(what.value)}; allowed: ${what.allowed}`,
    );
    this.component = what.component;
    this.option = what.option;
    this.value = what.value;
    this.allowed = what.allowed;
  }
}

/** The configuration could not be loaded and there is no usable copy in memory. */
export class ConfigUnavailableError extends KitError {
  /** `code` is for {@link ConfigTooStaleError}, a kind of unavailable with a code of its own. */
  constructor(message: string, options?: ErrorOptions, code = 'ECONFIGUNAVAILABLE') {
    super(code, 503, message, options);
  }
}

/** Refreshes keep failing and the copy in memory is older than the allowed staleness. */
export class ConfigTooStaleError extends ConfigUnavailableError {
  readonly ageMs: number;

  constructor(ageMs: number, maxStaleMs: number, options?: ErrorOptions) {
    super(
      `configuration is ${ageMs} ms old and could not be refreshed (max staleness ${maxStaleMs} ms)`,
      options,
      'ECONFIGTOOSTALE',
    );
    this.ageMs = ageMs;
  }
}

/** A loaded parameter is missing or has a value the app cannot use. Names the parameter, never a secret value. */
export class ConfigValidationError extends KitError {
  readonly parameter: string;

  constructor(parameter: string, problem: string) {
    super('ECONFIGINVALID', 500, `configuration parameter "${parameter}" ${problem}`);
    this.parameter = parameter;
  }
}

/** The database could not be reached or a statement failed for a connection-class reason. */
export class DatabaseUnavailableError extends KitError {
  constructor(message: string, options?: ErrorOptions) {
    super('EDBUNAVAILABLE', 503, message, options);
  }
}

/** True for errors of this kit (and so safe to describe to a caller by code and message). */
export function isKitError(err: unknown): err is KitError {
  return err instanceof KitError;
}

/**
 * The kit's error hierarchy. Every error sets `name` and a stable `code` so callers branch on
 * the code, never on message text, and keeps the original `cause`. `statusCode` is what an
 * HTTP handler answers when the error escapes it.
 */
export class KitError extends Error {
  readonly code: string;
  readonly statusCode: number;

  constructor(message: string, code: string, statusCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KitError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** An option or environment variable has a value the component cannot work with. */
export class InvalidOptionError extends KitError {
  readonly option: string;

  constructor(component: string, option: string, value: unknown, allowed: string) {
    super(
      `${component}: option "${option}" is ${JSON.stringify(value)}; allowed: ${allowed}`,
      'KIT_INVALID_OPTION',
      500,
    );
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}

/** The configuration could not be loaded and there is no usable copy in memory. */
export class ConfigUnavailableError extends KitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'CONFIG_UNAVAILABLE', 503, options);
    this.name = 'ConfigUnavailableError';
  }
}

/** Refreshes keep failing and the copy in memory is older than the allowed staleness. */
export class ConfigTooStaleError extends ConfigUnavailableError {
  readonly ageMs: number;

  constructor(ageMs: number, maxStaleMs: number, options?: { cause?: unknown }) {
    super(`configuration is ${ageMs} ms old and could not be refreshed (max staleness ${maxStaleMs} ms)`, options);
    this.name = 'ConfigTooStaleError';
    (this as { code: string }).code = 'CONFIG_TOO_STALE';
    this.ageMs = ageMs;
  }
}

/** A loaded parameter is missing or has a value the app cannot use. Names the parameter, never a secret value. */
export class ConfigValidationError extends KitError {
  readonly parameter: string;

  constructor(parameter: string, problem: string) {
    super(`configuration parameter "${parameter}" ${problem}`, 'CONFIG_INVALID', 500);
    this.name = 'ConfigValidationError';
    this.parameter = parameter;
  }
}

/** The database could not be reached or a statement failed for a connection-class reason. */
export class DatabaseUnavailableError extends KitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'DB_UNAVAILABLE', 503, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** True for errors of this kit (and so safe to describe to a caller by code and message). */
export function isKitError(err: unknown): err is KitError {
  return err instanceof KitError;
}

/** Base of the dev stack's errors: a stable `code` to branch on, the cause kept. */
export class DevStackError extends Error {
  override name = 'DevStackError';
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** An option has a value the dev stack cannot use; the message names the option, the value and what is allowed. */
export class DevStackOptionsError extends DevStackError {
  override name = 'DevStackOptionsError';
  constructor(option: string, value: unknown, allowed: string) {
    super('EDEVSTACKOPTION', `dev stack: option ${option} must be ${allowed}, got ${JSON.stringify(value)}`);
  }
}

/** Something the stack needs is not there (no build output, no synthesized stack). */
export class MissingArtifactError extends DevStackError {
  override name = 'MissingArtifactError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('EMISSINGARTIFACT', message, options);
  }
}

/** Building the functions or synthesizing the stack failed. */
export class PrepareError extends DevStackError {
  override name = 'PrepareError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('EPREPARE', message, options);
  }
}

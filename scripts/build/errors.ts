/** Base class for build failures; `code` is stable so callers branch on it, not on message text. */
export class BuildError extends Error {
  override readonly name: string = 'BuildError';
  readonly code: string = 'EBUILD';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A catalog entry points at a handler file that does not exist (yet). */
export class MissingEntryError extends BuildError {
  override readonly name = 'MissingEntryError';
  override readonly code = 'EMISSINGENTRY';

  constructor(
    /** One item per missing file: the function's name and its entry as written and as resolved. */
    readonly missing: readonly { name: string; entry: string; resolved: string }[],
  ) {
    super(
      `missing handler entry file${missing.length > 1 ? 's' : ''}: ` +
        missing.map((m) => `function "${m.name}" -> ${m.entry} (looked for ${m.resolved})`).join('; '),
    );
  }
}

/** Build options failed validation; the message names the option, the value and what is allowed. */
export class BuildOptionsError extends BuildError {
  override readonly name = 'BuildOptionsError';
  override readonly code = 'EBUILDOPTIONS';
}

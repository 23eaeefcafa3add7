import { CodedError } from '../../common/errors';

/** Base class for build failures; `code` is stable so callers branch on it, not on message text. */
export class BuildError extends CodedError {}

/** A catalog entry points at a handler file that does not exist (yet). */
export class MissingEntryError extends BuildError {
  constructor(
    /** One item per missing file: the function's name and its entry as written and as resolved. */
    readonly missing: readonly { name: string; entry: string; resolved: string }[],
  ) {
    super(
      'EMISSINGENTRY',
      `missing handler entry file${missing.length > 1 ? 's' : ''}: ` +
        missing.map((m) => `function "${m.name}" -> ${m.entry} (looked for ${m.resolved})`).join('; '),
    );
  }
}

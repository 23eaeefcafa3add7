import { CodedError } from '../../common/errors';

/** The results JSON does not match the schema. `path` names the field, e.g. `functions[2].samples[5].durationMs`. */
export class ResultsSchemaError extends CodedError {
  readonly path: string;
  readonly expected: string;

  constructor(path: string, expected: string, got: unknown) {
    super('ERESULTSSCHEMA', `results.${path} must be ${expected}, got ${describe(got)}`);
    this.path = path;
    this.expected = expected;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A command-line flag or runner option has a value that is not allowed. Names the flag, the value and what is allowed. */
export class BenchOptionError extends Error {
  override readonly name = 'BenchOptionError';
  readonly code = 'EBENCHOPTION';
  readonly option: string;

  constructor(option: string, value: unknown, allowed: string) {
    super(`${option}: ${JSON.stringify(value ?? null)} is not allowed; expected ${allowed}`);
    this.option = option;
  }
}

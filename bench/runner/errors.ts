import { InvalidOptionError } from '../../common/errors';

/**
 * A command-line flag or runner option has a value that is not allowed: the project's
 * InvalidOptionError with the code `EBENCHOPTION`, a class of its own because the CLI answers it
 * with the usage text (and exit 2) instead of a stack.
 */
export class BenchOptionError extends InvalidOptionError {
  constructor(option: string, value: unknown, allowed: string) {
    super({ component: 'bench', option, value: value ?? null, allowed }, 'EBENCHOPTION');
    // The CLI prints this line right above the usage text, so it starts with the flag itself.
    this.message = `${option}: ${JSON.stringify(value ?? null)} is not allowed; expected ${allowed}`;
  }
}

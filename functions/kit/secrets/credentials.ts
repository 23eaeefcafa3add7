import { ParameterSet } from '../config/parameters';
import type { Redactor } from '../redact';

/** What an RDS-managed secret holds. `password` is non-enumerable: it never serialises. */
export interface DbCredentials {
  readonly username: string | undefined;
  readonly password: string;
}

/** The secret's fields, as the cache keeps them: the password in the ParameterSet's private store. */
export const secretFields = { username: 'username', password: 'password' } as const;

/**
 * Splits a SecretString into the secret's fields. RDS-managed secrets are JSON
 * `{"username","password",...}`; a plain string is the password itself. Both the whole string and the
 * password are registered with the redactor before anything else sees them.
 *
 * @example
 * const set = secretParameters('{"username":"app","password":"pw"}', redactor);
 * set.get('password'); // 'pw'
 */
export function secretParameters(secretString: string, redactor: Redactor): ParameterSet {
  redactor.addSecret(secretString);
  let username: string | undefined;
  let password = secretString;
  if (secretString.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(secretString) as { username?: unknown; password?: unknown };
      if (typeof parsed.password === 'string') password = parsed.password;
      if (typeof parsed.username === 'string') username = parsed.username;
    } catch {
      // Not JSON after all: the whole string is the password.
    }
  }
  redactor.addSecret(password);
  return new ParameterSet([
    ...(username === undefined ? [] : [{ name: secretFields.username, value: username, secure: false }]),
    { name: secretFields.password, value: password, secure: true },
  ]);
}

/**
 * The credentials out of the secret's fields, the password non-enumerable (so neither JSON.stringify
 * nor a log line of the object shows it).
 *
 * @example
 * const { password } = parseDbCredentials(secretParameters(raw, redactor));
 */
export function parseDbCredentials(set: ParameterSet): DbCredentials {
  const credentials = { username: set.get(secretFields.username) } as DbCredentials;
  Object.defineProperty(credentials, 'password', { value: set.get(secretFields.password) ?? '', enumerable: false });
  return Object.freeze(credentials);
}

import type { Redactor } from '../redact';

/** What an RDS-managed secret holds. `password` is non-enumerable: it never serialises. */
export interface DbCredentials {
  readonly username: string | undefined;
  readonly password: string;
}

/**
 * The credentials in a SecretString, the password non-enumerable (so neither JSON.stringify nor a log
 * line of the object shows it). RDS-managed secrets are JSON `{"username","password",...}`; a plain
 * string is the password itself. Both the whole string and the password are registered with the
 * redactor before anything else sees them.
 *
 * @example
 * const { password } = dbCredentialsFrom('{"username":"app","password":"pw"}', redactor); // 'pw'
 */
export function dbCredentialsFrom(secretString: string, redactor: Redactor): DbCredentials {
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
  const credentials = { username } as DbCredentials;
  Object.defineProperty(credentials, 'password', { value: password, enumerable: false });
  return Object.freeze(credentials);
}

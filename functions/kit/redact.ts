/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are secret whatever they hold. */
const secretKey = /pass(word)?|secret|token|credential|connection_?string|^url$|authorization/i;

/**
 * Remembers secret values (decrypted SecureStrings, passwords, connection strings) so that
 * any text about to leave the process can be scrubbed of them.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never be printed. Very short values are ignored (they would scrub ordinary text). */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value.length >= 4) this.secrets.add(value);
  }

  /** Replaces every registered secret inside `text`. */
  redactText(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return out;
  }

  /** JSON.stringify replacer that blanks secret-looking keys. */
  readonly replacer = (key: string, value: unknown): unknown =>
    key !== '' && secretKey.test(key) && value !== undefined && value !== null ? REDACTED : value;
}

/** The process-wide redactor the config loader feeds and the logger applies. */
export const redactor = new Redactor();

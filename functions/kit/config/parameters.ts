/** One parameter as loaded, its name relative to the config path. */
export interface LoadedParameter {
  readonly name: string;
  readonly value: string;
  /** A SecureString (decrypted on load); its value never leaves through {@link ParameterSet.publicView}. */
  readonly secure: boolean;
}

/**
 * The app's parameters. Secure values live in a private field, so they are neither enumerable
 * nor serialised: `JSON.stringify(set)` and `publicView()` show String parameters only.
 */
export class ParameterSet {
  readonly #plain = new Map<string, string>();
  readonly #secure = new Map<string, string>();

  constructor(parameters: Iterable<LoadedParameter>) {
    for (const p of parameters) (p.secure ? this.#secure : this.#plain).set(p.name, p.value);
  }

  /** The value of a parameter, secure or not; undefined when absent. */
  get(name: string): string | undefined {
    return this.#plain.get(name) ?? this.#secure.get(name);
  }

  has(name: string): boolean {
    return this.#plain.has(name) || this.#secure.has(name);
  }

  isSecure(name: string): boolean {
    return this.#secure.has(name);
  }

  /** String parameters only, sorted by name: what an endpoint may show. */
  publicView(): Record<string, string> {
    return Object.fromEntries([...this.#plain.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  toJSON(): Record<string, string> {
    return this.publicView();
  }
}

import { assertInt } from '../env';
import { ConfigTooStaleError, ConfigUnavailableError, KitError } from '../errors';
import type { ParameterSet } from './parameters';

/** A loaded, validated configuration and where it came from (`R`: what `load` returned). */
export interface LoadedConfig<T, R = ParameterSet> {
  readonly config: T;
  readonly parameters: R;
  /** Clock time (per `now()`) at which this copy was loaded. */
  readonly loadedAt: number;
}

export interface ConfigCacheOptions<T, R = ParameterSet> {
  /** Fetches the raw parameters (e.g. {@link SsmParameterSource.load}, or a secret's fields). */
  load: () => Promise<R>;
  /** Validates raw parameters into the typed config; throws ConfigValidationError naming the parameter. */
  parse: (parameters: R) => T;
  /** Age after which a copy is refreshed in the background while still being served. */
  ttlMs: number;
  /** Age past which a copy is no longer served; past it a failed refresh is a {@link ConfigTooStaleError}. */
  maxStaleMs: number;
  /** Injected clock, ms. Tests pass a fake one. */
  now: () => number;
  /** Told about a background refresh that failed (the stale copy keeps being served). */
  onBackgroundError: (err: unknown) => void;
}

export const defaults = {
  ttlMs: 60_000,
  maxStaleMs: 900_000,
  now: (): number => Date.now(),
  onBackgroundError: (): void => {},
};

function validate<T, R>(opts: ConfigCacheOptions<T, R>): ConfigCacheOptions<T, R> {
  assertInt('ConfigCache', 'ttlMs', opts.ttlMs, 0);
  assertInt('ConfigCache', 'maxStaleMs', opts.maxStaleMs, opts.ttlMs);
  return opts;
}

/**
 * Configuration held in memory across warm invocations.
 *
 * - `start()` begins the first load; call it at module scope so the fetch overlaps INIT.
 * - Younger than `ttlMs`: served from memory.
 * - Older: still served at once, while one refresh runs in the background (stale-while-revalidate).
 * - Older than `maxStaleMs`: the caller waits for a refresh; if that fails, ConfigTooStaleError.
 * - A failed or invalid refresh keeps the previous copy (stale-if-error).
 * - At most one fetch runs at a time (single-flight); concurrent callers share it, and a failed
 *   background refresh is reported once, however many reads found the copy expired.
 * - `refresh()` is a forced, synchronous reload: it waits for a fetch begun after it was called.
 *
 * Lambda may freeze the process while a background refresh is pending; it resumes on thaw. It never
 * rejects unhandled: every fetch promise has a handler attached.
 */
export class ConfigCache<T, R = ParameterSet> {
  private readonly opts: ConfigCacheOptions<T, R>;
  private current: LoadedConfig<T, R> | undefined;
  private inflight: Promise<LoadedConfig<T, R>> | undefined;
  private lastErrorValue: unknown;

  constructor(options: Pick<ConfigCacheOptions<T, R>, 'load' | 'parse'> & Partial<ConfigCacheOptions<T, R>>) {
    this.opts = validate({ ...defaults, ...options });
  }

  /** Starts the first load if nothing is loaded or loading. Never throws or rejects; errors surface from `get()`. */
  start(): void {
    if (!this.current && !this.inflight) this.background();
  }

  /**
   * The config to use for this invocation. Waits only when nothing usable is in memory.
   *
   * @example
   * const { config } = await cache.get();
   */
  async get(): Promise<LoadedConfig<T, R>> {
    const current = this.current;
    if (!current) return this.awaitFetch();
    const age = this.opts.now() - current.loadedAt;
    if (age < this.opts.ttlMs) return current;
    if (age <= this.opts.maxStaleMs) {
      this.background();
      return current;
    }
    return this.awaitFetch();
  }

  /**
   * Fetches now and waits: the answer holds what the source had when `refresh()` was called. A fetch
   * already running began earlier (a background refresh may have been pending across many frozen
   * periods), so it is waited for and then a new one starts; callers refreshing together share that
   * new one. On failure falls back like `get()` would.
   */
  async refresh(): Promise<LoadedConfig<T, R>> {
    const earlier = this.inflight;
    if (earlier) await earlier.catch(() => undefined);
    return this.awaitFetch();
  }

  /** The copy in memory, if any, without triggering anything. */
  peek(): LoadedConfig<T, R> | undefined {
    return this.current;
  }

  /** The error of the last failed fetch, cleared by a successful one. */
  get lastError(): unknown {
    return this.lastErrorValue;
  }

  private background(): void {
    // A fetch under way already has its handler (its starter's, or a waiting caller's): joining it here
    // would report one failed refresh once per stale read, and under Lambda Managed Instances many
    // concurrent reads of one worker find the copy expired together.
    if (this.inflight) return;
    this.fetch().catch((err: unknown) => this.opts.onBackgroundError(err));
  }

  private async awaitFetch(): Promise<LoadedConfig<T, R>> {
    try {
      return await this.fetch();
    } catch (err) {
      const current = this.current;
      if (!current) {
        if (err instanceof KitError) throw err;
        throw new ConfigUnavailableError('configuration could not be loaded', { cause: err });
      }
      const age = this.opts.now() - current.loadedAt;
      if (age <= this.opts.maxStaleMs) return current;
      throw new ConfigTooStaleError(age, this.opts.maxStaleMs, { cause: err });
    }
  }

  private fetch(): Promise<LoadedConfig<T, R>> {
    if (this.inflight) return this.inflight;
    const run = async (): Promise<LoadedConfig<T, R>> => {
      try {
        const parameters = await this.opts.load();
        const loaded = { config: this.opts.parse(parameters), parameters, loadedAt: this.opts.now() };
        this.current = loaded;
        this.lastErrorValue = undefined;
        return loaded;
      } catch (err) {
        this.lastErrorValue = err;
        throw err;
      }
    };
    const flight: Promise<LoadedConfig<T, R>> = run().finally(() => {
      if (this.inflight === flight) this.inflight = undefined;
    });
    this.inflight = flight;
    return flight;
  }
}

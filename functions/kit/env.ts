import { InvalidOptionError } from './errors';

/**
 * Reads an integer environment variable, falling back to `fallback` when unset or empty.
 * Fails at start (module scope) with a message naming the variable, its value and the range.
 *
 * @example
 * const ttlMs = readIntEnv('CONFIG_TTL_MS', 60_000, { min: 0 });
 */
export function readIntEnv(
  name: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError({
      component: 'environment',
      option: name,
      value: raw,
      allowed: `an integer from ${min} to ${max}`,
    });
  }
  return value;
}

/**
 * Checks that an option is an integer within a range; throws {@link InvalidOptionError} otherwise.
 *
 * @example
 * assertInt('ConfigCache', 'ttlMs', options.ttlMs, 0);
 */
export function assertInt(
  component: string,
  option: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError({ component, option, value, allowed: `an integer from ${min} to ${max}` });
  }
}

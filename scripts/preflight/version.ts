/**
 * Compares dotted release numbers, ignoring a pre-release suffix (`1.11.0-rc1` counts as 1.11.0).
 *
 * @example
 * isAtLeast('1.10.5', '1.11'); // false
 * isAtLeast('1.11.4', '1.11'); // true
 */
export function isAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split('-')[0]
      ?.split('.')
      .map((n) => Number.parseInt(n, 10) || 0) ?? [];
  const have = parts(version);
  const want = parts(minimum);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

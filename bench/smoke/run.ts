import { textTable } from '../table';
import { type SmokeRow, smokeChecks, smokeDefaults } from './checks';
import type { SmokeGet } from './http';

/**
 * Runs every check in order against one stack. A check that cannot get an answer is a miss that says
 * why; it never stops the others.
 *
 * @example
 * const rows = await runSmoke(httpGetter('http://127.0.0.1:3000', 30_000));
 * process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
 */
export async function runSmoke(get: SmokeGet, options: typeof smokeDefaults = smokeDefaults): Promise<SmokeRow[]> {
  const rows: SmokeRow[] = [];
  for (const check of smokeChecks(options)) {
    try {
      const { seen, ok } = await check.run(get);
      rows.push({ check: check.name, expected: check.expected, seen, ok });
    } catch (error) {
      rows.push({ check: check.name, expected: check.expected, seen: `error: ${(error as Error).message}`, ok: false });
    }
  }
  return rows;
}

/**
 * The rows as the plain-text table the CLI prints: check, expected, seen, ok.
 *
 * @example
 * process.stdout.write(`${formatSmokeTable(rows)}\n`);
 */
export function formatSmokeTable(rows: readonly SmokeRow[]): string {
  return textTable(
    ['check', 'expected', 'seen', 'ok'],
    rows.map((r) => [r.check, r.expected, r.seen, r.ok ? 'ok' : 'MISS']),
    ['left', 'left', 'left', 'left'],
  );
}

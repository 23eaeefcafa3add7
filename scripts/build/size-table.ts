import type { BuiltFunction } from './build-functions';

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * A small fixed-width table of bundle, map and zip sizes, for the build's console output.
 *
 * @example
 * process.stdout.write(`${formatSizeTable(await buildFunctions())}\n`);
 */
export function formatSizeTable(built: readonly BuiltFunction[]): string {
  const header = ['function', 'index.js', 'index.js.map', 'zip'];
  const rows = built.map((b) => [b.name, kib(b.bundleBytes), kib(b.mapBytes), kib(b.zipBytes)]);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

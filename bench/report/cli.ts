/**
 * Re-renders a saved results file: `npx tsx bench/report/cli.ts <results.json> [report.html]`.
 * Writes the HTML next to the JSON by default and prints the summary table, so an old run can be
 * looked at again (or with a newer report) without re-measuring.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseResults } from '../schema';
import { printSummaryTable } from '../table';
import { renderReport } from './render';

function main(argv: readonly string[]): number {
  const [input, output = `${input?.replace(/\.json$/i, '')}.html`] = argv;
  if (!input) {
    process.stderr.write('usage: tsx bench/report/cli.ts <results.json> [report.html]\n');
    return 2;
  }
  const results = parseResults(readFileSync(input, 'utf8'));
  writeFileSync(output, renderReport(results));
  printSummaryTable(results);
  process.stdout.write(`\nreport: ${output}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    process.exitCode = 1;
  }
}

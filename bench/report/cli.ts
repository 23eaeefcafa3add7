/**
 * Re-renders a saved results file: `npx tsx bench/report/cli.ts <results.json> [report.html]`.
 * Writes the HTML next to the JSON by default and prints the summary table, so an old run can be
 * looked at again (or with a newer report) without re-measuring.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { defineCommandLine, formatHelp, parseCommandLine, parseOrExit } from '../../common/cli-args';
import { parseResults } from '../schema';
import { printSummaryTable } from '../table';
import { renderReport } from './render';

const reportCommandLine = defineCommandLine({
  usage: 'tsx bench/report/cli.ts <results.json> [report.html]',
  description: 'Re-renders a saved results file as HTML and prints its summary table.',
  flags: {},
  positionals: [
    { name: '<results.json>', description: 'a results file written by npm run bench', required: true },
    { name: '[report.html]', description: 'where the HTML goes (default: next to the JSON)' },
  ],
});

function main(argv: readonly string[]): number {
  const [input, given] = parseOrExit(() => {
    const parsed = parseCommandLine(reportCommandLine, argv);
    return parsed === 'help' ? 'help' : parsed.positionals;
  }, formatHelp(reportCommandLine)) as [string, string | undefined];
  const output = given ?? `${input.replace(/\.json$/i, '')}.html`;
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

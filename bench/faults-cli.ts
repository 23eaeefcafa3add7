/**
 * `npm run faults`: injects real faults into a local stack started here (a burst past reserved
 * concurrency, a database restart under load, sessions killed while frozen, SSM down) and prints one
 * line per scenario. Run `npm run faults -- --help` for usage.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseOrAnswer } from '../common/cli-args';
import { FAULTS_USAGE, formatResult, parseFaultArgs, runFaultSuite } from './faults';

const rootDir = resolve(__dirname, '..');

/**
 * Runs the fault suite from command-line arguments; returns the exit code: 0 when every scenario
 * passes, 1 on any FAIL, 2 on a bad command line.
 *
 * @example
 * process.exitCode = await main(['--only', 'burst']);
 */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  // `write` stays the one output, so a test reads help and usage errors too.
  const parsed = parseOrAnswer(() => parseFaultArgs(argv), FAULTS_USAGE, write);
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.options;
  write(`Fault suite: ${options.only.join(', ')}\n`);
  const report = await runFaultSuite(options, {
    rootDir,
    log: (line) => write(`  ${line}\n`),
    onResult: (r) => write(`${formatResult(r)}\n`),
  });
  const failedCount = report.results.filter((r) => !r.pass).length;
  write(
    `${report.pass ? 'All' : `${failedCount} of`} ${report.results.length} scenarios ${report.pass ? 'pass' : 'failed'} ` +
      `(${(report.totalMs / 1000).toFixed(1)} s, stack start ${(report.stackStartMs / 1000).toFixed(1)} s; ` +
      `${report.machine.cpus} x ${report.machine.cpuModel}, Node ${report.machine.node})\n`,
  );
  if (options.jsonFile !== undefined) {
    await writeFile(resolve(options.jsonFile), `${JSON.stringify(report, null, 2)}\n`);
    write(`Results written to ${options.jsonFile}\n`);
  }
  return report.pass ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `faults failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

/**
 * `npm run bench`: measures cold and warm invocations, reuse against naive, and a burst from zero, on the
 * local stack (started here) or a deployed one (`--target aws`). Run `npm run bench -- --help` for usage.
 */
import { resolve } from 'node:path';
import { formatUsageFailure } from '../common/cli-args';
import { createProgress } from './progress';
import { smokeRunNote } from './report';
import { BenchOptionError, type BenchOptions, parseBenchArgs, runBenchmark, USAGE, writeResults } from './runner';
import { type ModelTarget, runModelsBenchmark } from './runner/models';
import { assembleResults, EXECUTION_MODELS } from './schema';
import { modelsTable, printSummaryTable } from './table';
import { createAwsTarget, createLocalTarget, startBenchDevStack, type Target } from './targets';
import { buildFunctions, startModelDevStack, synthesizeModelStack } from './targets/model-stack';

const rootDir = resolve(__dirname, '..');

async function openTarget(options: BenchOptions, log: (line: string) => void): Promise<Target> {
  if (options.target === 'aws') {
    return createAwsTarget({
      stack: options.stack,
      rootDir,
      ...(options.outputsFile !== undefined ? { outputsFile: options.outputsFile } : {}),
    });
  }
  log('Starting the local stack (PostgreSQL, SSM, Lambda runtime, HTTP API)...');
  return createLocalTarget(
    {
      rootDir,
      build: options.build,
      ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
      onProgress: log,
    },
    startBenchDevStack,
  );
}

/**
 * `--models`: locally, builds once, synthesizes a classic and an LMI stack into folders of their own
 * (CDKTF_OUTDIR, never the shared cdktf.out) and measures each on its own dev stack, one after the other.
 * On AWS it measures the one deployed stack, whose variant `--model` names.
 */
async function runModels(options: BenchOptions, log: (line: string) => void): Promise<number> {
  const targets: ModelTarget[] =
    options.target === 'aws'
      ? [{ model: options.deployedModel, open: () => openTarget(options, log) }]
      : EXECUTION_MODELS.map((model) => ({
          model,
          open: async () => {
            log(`Synthesizing the ${model} stack (LAMBDA_MODE=${model})...`);
            const stackFile = await synthesizeModelStack(rootDir, model);
            return createLocalTarget(
              {
                rootDir,
                build: false,
                ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
                onProgress: log,
              },
              startModelDevStack(stackFile),
            );
          },
        }));
  if (options.target === 'local' && options.build) {
    log('Building the functions (dist/functions)...');
    await buildFunctions(rootDir);
  }
  log(
    `Measuring ${options.functions.join(', ')} in ${targets.map((t) => t.model).join(' and ')} on ${options.target}: ` +
      `${options.cellSeconds} s per cell at concurrency 1, 10 and 50.`,
  );
  const progress = createProgress();
  try {
    const results = await runModelsBenchmark(targets, options, progress, log);
    progress.stop();
    log('');
    log(modelsTable(results));
    const paths = await writeResults(results, options.outDir);
    log('');
    log(`JSON:   ${paths.json}`);
    log(`HTML:   ${paths.html}`);
    return 0;
  } finally {
    progress.stop();
  }
}

/**
 * Runs the benchmark from command-line arguments; returns the process exit code.
 * BENCH_DATABASE_URL (optional) points the local stack at an existing PostgreSQL instead of the embedded one.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(argv, rootDir);
  } catch (error) {
    if (error instanceof BenchOptionError) {
      process.stderr.write(formatUsageFailure(error.message));
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (options.models) return runModels(options, log);
  const target = await openTarget(options, log);
  const progress = createProgress();
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    progress.stop();
    void target.teardown().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(
      `Measuring ${options.functions.join(', ')} on ${options.target}: N=${options.cold} cold, M=${options.warm} warm, C=${options.concurrency}, ` +
        `W=${options.warmup} warm-up invocation(s) discarded before each warm run.`,
    );
    if (options.smokeRun) log(smokeRunNote({ coldStarts: options.cold, warmInvocations: options.warm }));
    const raw = await runBenchmark(target, options, progress);
    progress.stop();
    const results = assembleResults(raw);
    log('');
    printSummaryTable(results);
    for (const note of results.notes ?? []) log(`note: ${note}`);
    if (options.smokeRun) log(smokeRunNote({ coldStarts: options.cold, warmInvocations: options.warm }));
    for (const b of results.bursts) {
      log(
        `burst ${b.function}: ${b.requests} at once → ${b.environmentsCreated} environment(s) created, ${b.coldStartsSeen} caller(s) saw a cold start, ${b.throttled} throttled, ${b.errors} error(s)`,
      );
    }
    const paths = await writeResults(results, options.outDir);
    log('');
    log(`JSON:   ${paths.json}`);
    log(`HTML:   ${paths.html}`);
    log(`latest: ${paths.latestJson}, ${paths.latestHtml}`);
    return 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!stopping) await target.teardown();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}

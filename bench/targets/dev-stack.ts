import { startDevStack } from '../../local/dev-stack';
import type { LocalTargetOptions, RunningLocalStack } from './local';

/**
 * Starts the local stack for the benchmark with local/dev-stack (what `npm start` runs), on free ports and
 * its own PostgreSQL data folder, so it never collides with an `npm start` that is already running.
 *
 * @example
 * const target = await createLocalTarget({ rootDir, build: true }, startBenchDevStack);
 */
export async function startBenchDevStack(options: LocalTargetOptions): Promise<RunningLocalStack> {
  const stack = await startDevStack({
    rootDir: options.rootDir,
    build: options.build,
    httpPort: 0,
    lambdaPort: 0,
    ssmPort: 0,
    pgPort: 0,
    pgDataDir: '.local/bench-pg',
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { httpApiUrl: stack.urls.httpApi, lambdaUrl: stack.urls.lambda, stop: () => stack.stop() };
}

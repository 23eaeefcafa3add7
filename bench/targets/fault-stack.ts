import { type DevStack, type EnvOverride, startDevStack } from '../../local/dev-stack';

export type { DevStack as FaultStack, EnvOverride };

/** What the fault suite asks of its stack. */
export interface FaultStackOptions {
  readonly rootDir: string;
  readonly build: boolean;
  /** Variables over the stack's own, e.g. a short CONFIG_TTL_MS so a stale copy is really served. */
  readonly envOverrides: readonly EnvOverride[];
  readonly onProgress?: (line: string) => void;
}

/**
 * Starts the local stack for the fault suite (bench/faults) with local/dev-stack, as the benchmark's
 * target does: free ports and a PostgreSQL data folder of its own. Unlike a benchmark target it hands
 * back the whole DevStack, because injecting a fault (a database restart, SSM stopped) and checking that
 * no environment crashed need the stack itself, not only its URLs.
 *
 * @example
 * const stack = await startFaultStack({ rootDir, build: false, envOverrides: [] });
 * await stack.faults.restartDatabase(2_000);
 */
export function startFaultStack(options: FaultStackOptions): Promise<DevStack> {
  return startDevStack({
    rootDir: options.rootDir,
    build: options.build,
    httpPort: 0,
    lambdaPort: 0,
    ssmPort: 0,
    pgPort: 0,
    pgDataDir: '.local/faults-pg',
    secretsFile: '.local/faults-secrets.json',
    envOverrides: options.envOverrides,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

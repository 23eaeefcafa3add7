import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { EnvironmentProcess } from './environment-process';

/** A Node binary the executor can start, with its major version. */
export interface NodeBinary {
  readonly path: string;
  readonly major: number;
}

/** Which binary runs a runtime id, and the note to print once when it is not an exact match. */
export interface NodeChoice {
  readonly binary: NodeBinary;
  readonly fallbackNote?: string;
}

function versionOf(file: string): number | undefined {
  const result = spawnSync(file, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
  const major = Number(/^(\d+)\./.exec(result.stdout ?? '')?.[1]);
  return Number.isFinite(major) ? major : undefined;
}

/**
 * Finds the Node binaries on this machine: the project's `node` devDependency (Node 24), the one
 * running us, and the system `node`.
 */
export function discoverNodeBinaries(): NodeBinary[] {
  const candidates = new Set<string>();
  try {
    candidates.add(require.resolve('node/bin/node'));
  } catch {
    // the devDependency is optional; the others still count
  }
  candidates.add(process.execPath);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.add(path.join(dir, 'node'));
  const found = new Map<number, NodeBinary>();
  for (const file of candidates) {
    const major = versionOf(file);
    if (major !== undefined && !found.has(major)) found.set(major, { path: file, major });
  }
  return [...found.values()];
}

/**
 * Picks the binary for `nodejsNN.x`: the same major, else the nearest newer, else the newest.
 *
 * @example
 * const { binary, fallbackNote } = chooseNode('nodejs22.x', discoverNodeBinaries());
 */
export function chooseNode(runtime: string, binaries: readonly NodeBinary[]): NodeChoice {
  const wanted = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
  const sorted = [...binaries].sort((a, b) => a.major - b.major);
  const exact = sorted.find((b) => b.major === wanted);
  if (exact) return { binary: exact };
  const chosen = sorted.find((b) => b.major > wanted) ?? sorted[sorted.length - 1];
  if (!chosen) throw new Error('No Node binary found');
  return {
    binary: chosen,
    fallbackNote: `${runtime} asks for Node ${wanted}, which is not installed; running it on Node ${chosen.major} (${chosen.path})`,
  };
}

/** The V8 heap flags Lambda's Node runtime derives from the memory size, unless NODE_OPTIONS sets them. */
export function heapFlags(memorySize: number, nodeOptions: string | undefined): string[] {
  const flags: string[] = [];
  const options = nodeOptions ?? '';
  if (!options.includes('--max-semi-space-size')) flags.push(`--max-semi-space-size=${Math.max(Math.floor(memorySize * 0.05), 1)}`);
  if (!options.includes('--max-old-space-size')) flags.push(`--max-old-space-size=${Math.floor(memorySize * 0.9)}`);
  return flags;
}

/**
 * One V8 platform worker thread instead of four, unless NODE_OPTIONS sets the pool size.
 * Freezing stops and resumes every thread of the process, and the runtime pays for each one in
 * the kill() of every SIGSTOP and SIGCONT (7 threads become 4). V8 still runs the same
 * concurrent and parallel GC phases and keeps the same heap limits, on fewer helper threads; a
 * 128-3008 MB Lambda has at most two vCPUs for them anyway.
 */
export function threadFlags(nodeOptions: string | undefined): string[] {
  return (nodeOptions ?? '').includes('--v8-pool-size') ? [] : ['--v8-pool-size=1'];
}

export interface SpawnSpec {
  readonly node: NodeBinary;
  readonly bootstrapFile: string;
  readonly taskRoot: string;
  readonly env: Readonly<Record<string, string>>;
  readonly memorySize: number;
}

/**
 * Starts one environment's process. stdin stays a pipe the child watches: when this process dies,
 * the pipe closes and the child exits.
 */
export function spawnEnvironmentProcess(spec: SpawnSpec): EnvironmentProcess {
  return new EnvironmentProcess({
    command: spec.node.path,
    args: [...heapFlags(spec.memorySize, spec.env.NODE_OPTIONS), ...threadFlags(spec.env.NODE_OPTIONS), spec.bootstrapFile],
    cwd: spec.taskRoot,
    env: spec.env,
  });
}

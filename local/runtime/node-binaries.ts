/**
 * Which Node binary runs a function: the ones on this machine, the one for a runtime id, and the
 * flags Lambda's Node runtime (and this one, for fewer threads to freeze) starts it with.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/** A Node binary the executor can start, with its major version. */
export interface NodeBinary {
  readonly path: string;
  readonly major: number;
  readonly minor: number;
}

/** Which binary runs a runtime id, and the note to print once when it is not an exact match. */
export interface NodeChoice {
  readonly binary: NodeBinary;
  readonly fallbackNote?: string;
}

function parseVersion(text: string): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)\./.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function versionOf(file: string): { major: number; minor: number } | undefined {
  // The Node running us needs no process to ask; every other candidate costs a spawn (~100 ms).
  if (file === realpathSync(process.execPath)) return parseVersion(process.versions.node);
  const result = spawnSync(file, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 });
  return parseVersion(result.stdout ?? '');
}

let discovered: NodeBinary[] | undefined;

/**
 * Finds the Node binaries on this machine: the project's `node` devDependency (Node 24), the one
 * running us, and the system `node`. Each real file is asked once per process (the answer is kept).
 */
export function discoverNodeBinaries(): NodeBinary[] {
  if (discovered) return discovered;
  const candidates = new Set<string>();
  const add = (file: string): void => {
    try {
      candidates.add(realpathSync(file));
    } catch {
      // not there
    }
  };
  try {
    add(require.resolve('node/bin/node'));
  } catch {
    // the devDependency is optional; the others still count
  }
  add(process.execPath);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) add(path.join(dir, 'node'));
  const found = new Map<number, NodeBinary>();
  for (const file of candidates) {
    const version = versionOf(file);
    if (version !== undefined && !found.has(version.major)) found.set(version.major, { path: file, ...version });
  }
  discovered = [...found.values()];
  return discovered;
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
  if (!options.includes('--max-semi-space-size'))
    flags.push(`--max-semi-space-size=${Math.max(Math.floor(memorySize * 0.05), 1)}`);
  if (!options.includes('--max-old-space-size')) flags.push(`--max-old-space-size=${Math.floor(memorySize * 0.9)}`);
  return flags;
}

/**
 * Fewer threads per environment: one V8 platform worker instead of four, unless NODE_OPTIONS sets
 * the pool size, and no SIGUSR1 inspector thread where Node can go without it (22.14+, 23.7+).
 * Freezing stops and resumes every thread of the process, each a context switch, on every
 * invocation (7 threads become 3). V8 still runs the same concurrent and parallel GC phases and
 * keeps the same heap limits, on fewer helper threads; a 128-3008 MB Lambda has at most two vCPUs
 * for them anyway. Without the inspector thread, SIGUSR1 is ignored instead of opening a debugger
 * port, which no one can reach inside a Lambda sandbox either. An environment started with the
 * inspector (`inspect`) keeps it.
 */
export function threadFlags(
  nodeOptions: string | undefined,
  node: Pick<NodeBinary, 'major' | 'minor'>,
  inspect = false,
): string[] {
  const options = `${nodeOptions ?? ''}${inspect ? ' --inspect' : ''}`;
  const flags = options.includes('--v8-pool-size') ? [] : ['--v8-pool-size=1'];
  const canDropInspectorThread =
    node.major > 23 || (node.major === 23 && node.minor >= 7) || (node.major === 22 && node.minor >= 14);
  if (canDropInspectorThread && !options.includes('--inspect')) flags.push('--disable-sigusr1');
  return flags;
}

import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Machine, Versions } from './types';

/**
 * The machine that ran the benchmark, for the results file: a number without its machine is not a claim.
 *
 * @example
 * collectMachine(); // { cpuModel: 'AMD EPYC 7B13', cores: 2, memoryBytes: 8331776000, os: 'linux 6.8.0', arch: 'x64', nodeVersion: '24.11.0' }
 */
export function collectMachine(): Machine {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() || 'unknown',
    cores: Math.max(1, cpuList.length),
    memoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    arch: arch(),
    nodeVersion: process.versions.node,
  };
}

function packageVersion(packageJsonPath: string): string {
  try {
    const parsed = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The versions for the results file. The project and SDK versions are read from their package.json files;
 * the runtime and its Node version come from the runner, which knows what it drove.
 *
 * @example
 * collectVersions({ runtime: 'nodejs24.x', node: '24.11.0' });
 * // { project: '0.1.0', runtime: 'nodejs24.x', node: '24.11.0', sdk: '3.1164.0' }
 */
export function collectVersions(options: { runtime: string; node: string; rootDir?: string }): Versions {
  const rootDir = options.rootDir ?? join(__dirname, '..', '..');
  let sdk = 'unknown';
  try {
    sdk = packageVersion(require.resolve('@aws-sdk/client-lambda/package.json', { paths: [rootDir] }));
  } catch {
    // not installed: keep 'unknown' rather than fail a run over a label
  }
  return { project: packageVersion(join(rootDir, 'package.json')), runtime: options.runtime, node: options.node, sdk };
}

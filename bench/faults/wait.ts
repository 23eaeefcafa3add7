import { setTimeout as sleep } from 'node:timers/promises';
import { FaultSuiteError } from './errors';

/**
 * Polls `check` every `pollMs` until it returns true; after `timeoutMs` it fails naming `what`.
 *
 * @example
 * await waitFor('every db environment frozen', () => envs().every((e) => e.state === 'frozen'), { timeoutMs: 5_000 });
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new FaultSuiteError(`timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await sleep(options.pollMs ?? 50);
  }
}

export { sleep };

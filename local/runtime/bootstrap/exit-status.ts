import * as fs from 'node:fs';

/** What emits `exit` with the exit code: `process`, in the bootstrap. */
export interface ExitEmitter {
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/**
 * Writes `exit <code>` to `fd` as the process exits. The runtime's process parent reports our
 * exit status, and a signal death looks like 128+n there; so the code we exit with is written
 * down first, where the runtime reads it.
 *
 * @example
 * reportExitStatus(process, 3);
 */
export function reportExitStatus(emitter: ExitEmitter, fd: number): void {
  emitter.on('exit', (code) => {
    try {
      fs.writeSync(fd, `exit ${code}\n`);
    } catch {
      // nobody is reading: the runtime is gone
    }
  });
}

import { closeSync, openSync, readSync } from 'node:fs';

/**
 * One /proc file of a process, read with a single pread on a descriptor kept open. The runtime
 * reads these on hot paths (every thaw, every memory poll), where opening the file each time
 * through fs.promises cost three thread-pool round trips per read.
 *
 * @example
 * const status = new ProcFile(`/proc/${pid}/status`);
 * const text = status.read(); // undefined once the process is gone
 */
export class ProcFile {
  private fd: number | undefined;
  private gone = false;
  private readonly buffer: Buffer;

  constructor(
    private readonly path: string,
    size = 4096,
  ) {
    this.buffer = Buffer.alloc(size);
  }

  /**
   * The file's text now, or undefined when it cannot be read (the process is gone). Never reopened
   * after a failure: the pid may by then belong to another process.
   */
  read(): string | undefined {
    if (this.gone) return undefined;
    try {
      this.fd ??= openSync(this.path, 'r');
      const length = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      return this.buffer.toString('latin1', 0, length);
    } catch {
      this.close();
      this.gone = true;
      return undefined;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
  }
}

import { writeSync } from 'node:fs';

/** Where console lines go (logging.ts's LogStream). */
export interface LineWriter {
  write(text: string): void;
}

/** The streams a worker thread writes through; `process` in the bootstrap. */
export interface WorkerStdio {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/**
 * Makes a worker thread's output synchronous, as the main thread's is on a Linux pipe: a worker's
 * `process.stdout` hands its writes to the main thread asynchronously, so a line logged just before the
 * handler returns could reach the runtime after the invocation's response and miss its log tail. Both the
 * console (through the returned writers) and code that writes to `process.stdout` itself (the kit's logger)
 * then write straight to descriptors 1 and 2.
 *
 * @example
 * const { stdout, stderr } = writeOutputDirectly(process);
 * patchConsole(console, { stdout, stderr, requestId });
 */
export function writeOutputDirectly(stdio: WorkerStdio): { stdout: LineWriter; stderr: LineWriter } {
  const stdout = directWriter(1, stdio.stdout);
  const stderr = directWriter(2, stdio.stderr);
  writeThrough(stdio.stdout, stdout);
  writeThrough(stdio.stderr, stderr);
  return { stdout, stderr };
}

/**
 * Writes to `fd` at once. A full pipe (EAGAIN, the descriptor being non-blocking) waits a millisecond and
 * tries again, and a partial write goes on with the rest; after a second of a pipe nobody reads, the
 * stream's own write takes the rest.
 */
export function directWriter(fd: number, stream: NodeJS.WriteStream): LineWriter {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // Taken now: writeThrough replaces the stream's own write with this writer.
  const fallback = stream.write.bind(stream);
  return {
    write(text) {
      let rest = Buffer.from(text);
      for (let waited = 0; rest.length > 0; ) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || waited >= 1000) {
            fallback(rest);
            return;
          }
          Atomics.wait(pause, 0, 0, 1);
          waited += 1;
        }
      }
    },
  };
}

/** Makes `stream.write` go through `writer` at once; its callback, if any, runs on the next tick. */
function writeThrough(stream: NodeJS.WriteStream, writer: LineWriter): void {
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    writer.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as NodeJS.WriteStream['write'];
}

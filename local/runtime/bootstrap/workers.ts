import { Worker } from 'node:worker_threads';

export interface WorkersOptions {
  /** The bootstrap bundle: each worker runs it again and takes the worker path (bootstrap.ts). */
  readonly file: string;
  readonly count: number;
  readonly log: (line: string) => void;
  /** Ends the process: once every worker is gone there is nothing left to serve invocations. */
  readonly exit: (code: number) => void;
}

/** What a worker gets in `workerData`. */
export interface WorkerData {
  /** 1-based, for the crash line. */
  readonly workerId: number;
}

/**
 * The main thread's part under Managed Instances: start `count` worker threads, each of which loads the
 * handler (INIT runs once per worker) and serves invocations concurrently (concurrent-loop.ts); the main
 * thread loads no handler. A worker that dies is logged and not replaced, and the environment carries on
 * with the others ("Runtime worker crash", "Lambda Managed Instances execution environment",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-execution-environment.html); when
 * none is left the process exits with the last one's code.
 *
 * @example
 * startWorkers({ file: process.argv[1], count: 2, log: (l) => process.stderr.write(l), exit: process.exit });
 */
export function startWorkers(options: WorkersOptions): Worker[] {
  let alive = options.count;
  const workers: Worker[] = [];
  for (let workerId = 1; workerId <= options.count; workerId += 1) {
    const data: WorkerData = { workerId };
    // V8 and heap flags are the process's already; Node refuses most of them in a worker's execArgv.
    const worker = new Worker(options.file, { workerData: data, execArgv: [] });
    worker.on('error', (err) => options.log(`Worker ${workerId} failed: ${err.stack ?? err.message}\n`));
    worker.on('exit', (code) => {
      alive -= 1;
      if (code !== 0) options.log(`Worker ${workerId} exited with code ${code}\n`);
      if (alive === 0) options.exit(code === 0 ? 1 : code);
    });
    workers.push(worker);
  }
  return workers;
}

/**
 * Each worker's open GET /next requests: its share of the concurrency, at most 8. AWS's Node client keeps
 * one per worker; see concurrent-loop.ts for why the bootstrap keeps a few.
 *
 * @example
 * pollersPerWorker(64, 1); // 8
 */
export function pollersPerWorker(maxConcurrency: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.ceil(maxConcurrency / workers)));
}

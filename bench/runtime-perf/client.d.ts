/** The types of client.js's export (a plain script, so its own process needs no TypeScript loader). */
export interface ClosedLoopOptions {
  readonly url: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Unmeasured requests first: `rounds` rounds of `atOnce` requests at once. */
  readonly warmup: { readonly rounds: number; readonly atOnce: number };
}

export function closedLoop(options: ClosedLoopOptions): Promise<{ latencies: number[]; elapsed: number }>;

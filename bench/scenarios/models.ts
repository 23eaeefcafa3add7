import { performance } from 'node:perf_hooks';
import type { Route } from '../measure';
import type { Progress } from '../progress';
import type { ExecutionModel, ExecutionModelCell } from '../schema';
import { percentileOfSorted } from '../stats';
import type { Target } from '../targets/types';
import type { FunctionUnderTest } from './context';

/** What one model's run measures: the same handlers, the same cells, on a stack deployed in that model. */
export interface ModelRunPlan {
  readonly model: ExecutionModel;
  readonly functions: readonly (FunctionUnderTest & { readonly usesDb: boolean })[];
  /** Each function is measured at each of these, in this order (1, 10, 50). */
  readonly concurrencies: readonly number[];
  /** Measured length of one cell, after its warm-up. */
  readonly secondsPerCell: number;
  /** Bound on a cell's measured requests, whatever its length. */
  readonly maxRequestsPerCell: number;
  readonly requestTimeoutMs: number;
}

/** One answered (or failed) request: what the body says about who served it. */
interface Answer {
  readonly statusCode: number;
  readonly clientMs: number;
  readonly instanceId: string | null;
  readonly backendPid: number | null;
}

/** One request through the HTTP API; a refused or timed-out one is status 0, counted as an error. */
async function request(baseUrl: string, route: Route, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  let statusCode = 0;
  let body: { instanceId?: unknown; backendPid?: unknown } = {};
  try {
    const res = await fetch(`${baseUrl}${route.path}`, {
      method: route.method,
      signal: AbortSignal.timeout(timeoutMs),
    });
    statusCode = res.status;
    const text = await res.text();
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not JSON (an API Gateway error page): no facts about who served it.
    }
  } catch {
    statusCode = 0;
  }
  return {
    statusCode,
    clientMs: performance.now() - started,
    instanceId: typeof body.instanceId === 'string' ? body.instanceId : null,
    backendPid: typeof body.backendPid === 'number' ? body.backendPid : null,
  };
}

/**
 * Closed loop: `concurrency` loops, each sending its next request when the last is answered, until
 * `durationMs` has passed or `maxRequests` were sent.
 */
async function closedLoop(
  send: () => Promise<Answer>,
  concurrency: number,
  bounds: { durationMs: number; maxRequests: number },
): Promise<{ answers: Answer[]; elapsedMs: number }> {
  const answers: Answer[] = [];
  let sent = 0;
  const started = performance.now();
  const until = started + bounds.durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until && sent < bounds.maxRequests) {
        sent += 1;
        answers.push(await send());
      }
    }),
  );
  return { answers, elapsedMs: performance.now() - started };
}

const is2xx = (a: Answer) => a.statusCode >= 200 && a.statusCode < 300;

/**
 * The classic-vs-LMI comparison on one stack: for each function and each concurrency, `concurrency`
 * warm-up requests (so classic has its environments; they count for environments and database
 * connections, not for latency), then a closed loop through the HTTP API, bounded by `secondsPerCell`
 * and `maxRequestsPerCell`. Per cell: throughput and latency percentiles of the 2xx answers, throttles
 * and errors, distinct environments that answered (`instanceId`), the database backends that served it
 * (`backendPid`), and, where the target can see them, the environments alive and their total RSS.
 * The same code measures a deployed stack (`--target aws`): the figures from the answers are the same
 * there, the runtime's own lists (alive, RSS) are null.
 *
 * @example
 * const cells = await measureExecutionModel(target, { model: 'classic', functions, concurrencies: [1, 10, 50],
 *   secondsPerCell: 5, maxRequestsPerCell: 20_000, requestTimeoutMs: 30_000 });
 */
export async function measureExecutionModel(
  target: Target,
  plan: ModelRunPlan,
  progress?: Progress,
): Promise<ExecutionModelCell[]> {
  const cells: ExecutionModelCell[] = [];
  for (const fut of plan.functions) {
    const backendsSeen = new Set<number>();
    for (const concurrency of plan.concurrencies) {
      progress?.stage(`${plan.model} · ${fut.shortName} · concurrency ${concurrency}`, 1);
      const send = () => request(target.apiBaseUrl, fut.route, plan.requestTimeoutMs);
      const warmups = await Promise.all(Array.from({ length: concurrency }, send));
      const { answers, elapsedMs } = await closedLoop(send, concurrency, {
        durationMs: plan.secondsPerCell * 1000,
        maxRequests: plan.maxRequestsPerCell,
      });
      const answered = answers.filter(is2xx);
      const sorted = answered.map((a) => a.clientMs).sort((a, b) => a - b);
      const all = [...warmups, ...answers];
      const backends = new Set(all.filter(is2xx).flatMap((a) => (a.backendPid === null ? [] : [a.backendPid])));
      const opened = [...backends].filter((pid) => !backendsSeen.has(pid)).length;
      for (const pid of backends) backendsSeen.add(pid);
      const memory = await target.environmentsMemory?.(fut.shortName);
      cells.push({
        model: plan.model,
        function: fut.shortName,
        concurrency,
        elapsedMs,
        requests: answers.length,
        answered: answered.length,
        throttled: answers.filter((a) => a.statusCode === 429).length,
        errors: answers.filter((a) => !is2xx(a) && a.statusCode !== 429).length,
        throughputRps: elapsedMs > 0 ? answered.length / (elapsedMs / 1000) : 0,
        latencyMs:
          sorted.length === 0
            ? null
            : {
                p50: percentileOfSorted(sorted, 0.5),
                p95: percentileOfSorted(sorted, 0.95),
                p99: percentileOfSorted(sorted, 0.99),
              },
        environmentsUsed: new Set(all.flatMap((a) => (a.instanceId === null ? [] : [a.instanceId]))).size,
        environmentsAlive: memory?.alive ?? null,
        dbConnectionsUsed: fut.usesDb ? backends.size : null,
        dbConnectionsOpened: fut.usesDb ? opened : null,
        environmentsRssMb: memory?.rssMb ?? null,
      });
      progress?.tick();
    }
  }
  return cells;
}

import { functionSpec } from '../../functions/catalog';
import { parseRoute } from '../measure';
import type { Progress } from '../progress';
import { measureExecutionModel } from '../scenarios/models';
import {
  type BenchResults,
  collectMachine,
  collectVersions,
  type ExecutionModel,
  type ExecutionModelCell,
  SCHEMA_VERSION,
} from '../schema';
import type { Target } from '../targets/types';
import { type BenchOptions, maxRequestsPerCell, modelConcurrencies } from './options';

/** One model's stack, opened when its turn comes and torn down before the next one starts. */
export interface ModelTarget {
  readonly model: ExecutionModel;
  open(): Promise<Target>;
}

/**
 * The classic-vs-Managed-Instances benchmark: for each model in turn, opens its stack, measures every
 * function at every concurrency (bench/scenarios/models.ts), tears the stack down, and returns one results
 * object whose `executionModels` holds the cells (the cold/warm sections are empty in such a run).
 * Locally the two stacks run one after the other, never at once, so each has the machine to itself.
 *
 * @example
 * const results = await runModelsBenchmark([{ model: 'classic', open: () => openClassic() }, ...], options, progress);
 */
export async function runModelsBenchmark(
  targets: readonly ModelTarget[],
  options: Pick<BenchOptions, 'functions' | 'cellSeconds' | 'requestTimeoutMs'>,
  progress: Progress,
  log: (line: string) => void = () => undefined,
): Promise<BenchResults> {
  const startedAtMs = Date.now();
  const cells: ExecutionModelCell[] = [];
  const notes: string[] = [
    'Classic vs Managed Instances: each cell is a closed loop through the HTTP API after `concurrency` warm-up requests; throughput and latency count 2xx answers only; environments and database connections count the warm-up too.',
  ];
  let runtime = { label: 'unknown', node: 'unknown' };
  let kind: Target['kind'] = 'local';
  for (const { model, open } of targets) {
    log(`Starting the ${model} stack...`);
    const target = await open();
    try {
      runtime = target.runtime;
      kind = target.kind;
      const functions = options.functions.map((shortName) => {
        const spec = functionSpec(shortName);
        const routeKey = spec.routes.find((r) => r.startsWith('GET ')) ?? spec.routes[0];
        if (routeKey === undefined)
          throw new RangeError(`function "${shortName}" has no route in functions/catalog.ts`);
        return {
          shortName,
          functionName: target.functionName(shortName),
          route: parseRoute(routeKey),
          usesDb: spec.usesDb,
        };
      });
      cells.push(
        ...(await measureExecutionModel(
          target,
          {
            model,
            functions,
            concurrencies: modelConcurrencies,
            secondsPerCell: options.cellSeconds,
            maxRequestsPerCell,
            requestTimeoutMs: options.requestTimeoutMs,
          },
          progress,
        )),
      );
    } finally {
      await target.teardown();
    }
  }
  const finishedAtMs = Date.now();
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: new Date(finishedAtMs).toISOString(),
    target: kind,
    startedAtMs,
    finishedAtMs,
    machine: collectMachine(),
    versions: collectVersions({ runtime: runtime.label, node: runtime.node }),
    settings: { coldStarts: 0, warmInvocations: 0, concurrency: Math.max(...modelConcurrencies), warmupsDiscarded: 0 },
    functions: [],
    comparisons: [],
    bursts: [],
    instances: [],
    notes,
    executionModels: {
      secondsPerCell: options.cellSeconds,
      maxRequestsPerCell,
      concurrencies: modelConcurrencies,
      functions: options.functions,
      cells,
    },
  };
}

/** The benchmark runner: options, one run against a target (composing bench/scenarios and bench/targets), and writing the results. */

export { BenchOptionError } from './errors';
export {
  type BenchOptions,
  defaults,
  maxRequestsPerCell,
  modelConcurrencies,
  modelFunctions,
  parseBenchArgs,
  quick,
  USAGE,
  validateOptions,
} from './options';
export { type WrittenResults, writeResults } from './output';
export { runBenchmark } from './run';

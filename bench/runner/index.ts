/** The benchmark runner: options, one run against a target, and writing the results. */

export { type ColdStartOptions, coldStartDefaults, forceColdStart } from './cold-start';
export { BenchInvocationError, BenchOptionError, BenchTargetError, BenchTimeoutError } from './errors';
export { httpApiEvent, parseRoute, type Route } from './http-event';
export { httpSample } from './http-request';
export { bodyFacts, invokeSample } from './invoke';
export { type BenchOptions, defaults, parseBenchArgs, quick, USAGE, validateOptions } from './options';
export { type WrittenResults, writeResults } from './output';
export { readReport } from './report-record';
export { runBenchmark } from './run';

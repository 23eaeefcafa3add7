/** The benchmark runner: options, one run against a target, and writing the results. */
export { runBenchmark } from './run';
export { writeResults, type WrittenResults } from './output';
export { parseBenchArgs, validateOptions, defaults, quick, USAGE, type BenchOptions } from './options';
export { forceColdStart, coldStartDefaults, type ColdStartOptions } from './cold-start';
export { invokeSample, bodyFacts } from './invoke';
export { httpSample } from './http-request';
export { httpApiEvent, parseRoute, type Route } from './http-event';
export { readReport } from './report-record';
export { BenchOptionError, BenchTargetError, BenchTimeoutError, BenchInvocationError } from './errors';

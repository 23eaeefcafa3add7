/**
 * One measurement against a target, the calls every scenario makes: a direct Invoke sample, a request
 * through the HTTP API, a forced cold start, and reading the REPORT out of a log tail. Scenarios and the
 * runner import this; it imports neither, so the runner can compose scenarios and targets without a cycle.
 */

export { ColdStartLedger, type ColdStartOptions, coldStartDefaults, forceColdStart } from './cold-start';
export { BenchInvocationError, BenchRestoreError, BenchTimeoutError } from './errors';
export { httpApiEvent, parseRoute, type Route } from './http-event';
export { httpSample } from './http-request';
export { bodyFacts, invokeSample } from './invoke';
export { readReport } from './report-record';

/**
 * The fault suite (`npm run faults`): real faults injected into the local stack, one file per scenario.
 * - burst.ts: 200 invokes at once against reserved concurrency 50
 * - db-restart.ts: PostgreSQL restarted under load
 * - frozen-kill.ts: database sessions killed while environments are frozen
 * - ssm-down.ts: SSM stopped; stale config served, a cold start answers 503
 * - run.ts: one stack for all, each scenario bounded in time; options.ts: the command line
 */
export { FaultSuiteError } from './errors';
export { FAULTS_USAGE, type FaultSuiteOptions, faultSuiteDefaults, parseFaultArgs } from './options';
export { type FaultSuiteReport, formatResult, runFaultSuite, scenarios } from './run';
export { type FaultResult, type Figure, type ScenarioName, scenarioNames } from './types';

/** The benchmark results file: types, runtime validation, assembly from raw samples, machine and versions. */
export * from './types';
export { validateResults, parseResults } from './validate';
export { assembleResults, type RawResults } from './assemble';
export { toSample, isAnswered, answeredValues, type SampleInput } from './sample';
export { collectMachine, collectVersions } from './environment';
export { ResultsSchemaError } from './errors';

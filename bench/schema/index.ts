/** The benchmark results file: types, runtime validation, assembly from raw samples, machine and versions. */

export { assembleResults, type RawResults } from './assemble';
export { collectMachine, collectVersions } from './environment';
export { ResultsSchemaError } from './errors';
export { answeredValues, isAnswered, type SampleInput, toSample } from './sample';
export * from './types';
export { parseResults, validateResults } from './validate';

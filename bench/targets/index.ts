/** What the benchmark measures: the local stack (started here) or a deployed one, behind one interface. */
export type { Target, TargetKind } from './types';
export { createLocalTarget, type LocalTargetOptions, type RunningLocalStack, type StartLocalStack } from './local';
export { startBenchDevStack } from './dev-stack';
export { createAwsTarget, type AwsTargetOptions } from './aws';
export { parseStackOutputs, readStackOutputs, type StackOutputs } from './outputs';

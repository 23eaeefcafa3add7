/** What the benchmark measures: the local stack (started here) or a deployed one, behind one interface. */

export { type AwsTargetOptions, createAwsTarget } from './aws';
export { startBenchDevStack } from './dev-stack';
export { BenchTargetError } from './errors';
export { type EnvOverride, type FaultStack, type FaultStackOptions, startFaultStack } from './fault-stack';
export { createLocalTarget, type LocalTargetOptions, type RunningLocalStack, type StartLocalStack } from './local';
export { parseStackOutputs, readStackOutputs, type StackOutputs, type TerraformTool, terraformTools } from './outputs';
export { regionFromOutputs, regionFromSynthesizedStack, stackRegion } from './region';
export type { Target, TargetKind } from './types';

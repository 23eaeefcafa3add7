/** The benchmark's scenarios: forced cold starts, warm runs, the burst from zero. */

export { burstFromZero } from './burst';
export { coldStarts } from './cold';
export { type FunctionUnderTest, inPool, type ScenarioContext, type ScenarioOptions } from './context';
export { InstanceTracker } from './instances';
export { warmConcurrent, warmSequential, warmThroughApi } from './warm';

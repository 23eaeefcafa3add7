/** The benchmark's scenarios: forced cold starts, warm runs, the burst from zero. */
export { coldStarts } from './cold';
export { warmSequential, warmConcurrent, warmThroughApi } from './warm';
export { burstFromZero } from './burst';
export { InstanceTracker } from './instances';
export { inPool, type ScenarioContext, type FunctionUnderTest } from './context';

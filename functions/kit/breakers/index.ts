export { type BreakerOutcome, type BreakerState, type BreakerStats, ManagedBreaker } from './breaker';
export { type BreakerOptions, breakerOptionsFromEnv } from './options';
export { BreakerRegistry, createBreakerRegistry } from './registry';

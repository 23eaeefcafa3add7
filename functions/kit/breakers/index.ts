export {
  type BreakerOutcome,
  type BreakerState,
  type BreakerStats,
  type FallbackReason,
  ManagedBreaker,
} from './breaker';
export { type BreakerOptions, breakerOptionsFromEnv, volumeThresholdDefaults, volumeThresholdFor } from './options';
export { BreakerRegistry, createBreakerRegistry } from './registry';

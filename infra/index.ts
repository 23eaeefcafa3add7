export type { ConcurrencyPlan } from './concurrency';
export { planConcurrency, UNRESERVED_FLOOR } from './concurrency';
export type { DbMode, LambdaMode, LmiConfig, StageConfig, StageConfigSources, StateConfig } from './config';
export { resolveStageConfigs, stackName } from './config';
export type {
  ConnectionBudget,
  ConnectionLimits,
  ConnectionShare,
  LmiConnectionBudget,
  LmiConnectionShare,
} from './connection-budget';
export { checkConnectionBudget, checkLmiConnectionBudget } from './connection-budget';
export { ConnectionBudgetError, LmiCapacityError, MissingBundleError, StageConfigError } from './errors';
export { wildcardOnlyActions } from './iam-policy';
export { parametersDefaults } from './parameters';
export type { LambdaReuseLabStackProps } from './stack';
export { LambdaReuseLabStack } from './stack';

export { LambdaReuseLabStack } from './stack';
export type { LambdaReuseLabStackProps } from './stack';
export { resolveStageConfigs, stackName } from './config';
export type { StageConfig, StageConfigSources, DbMode } from './config';
export { checkConnectionBudget } from './connection-budget';
export type { ConnectionBudget, ConnectionShare } from './connection-budget';
export { StageConfigError, MissingBundleError, ConnectionBudgetError } from './errors';
export { parametersDefaults } from './parameters';
export { wildcardOnlyActions } from './iam-policy';

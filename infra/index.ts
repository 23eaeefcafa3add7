export type { DbMode, StageConfig, StageConfigSources } from './config';
export { resolveStageConfigs, stackName } from './config';
export type { ConnectionBudget, ConnectionShare } from './connection-budget';
export { checkConnectionBudget } from './connection-budget';
export { ConnectionBudgetError, MissingBundleError, StageConfigError } from './errors';
export { wildcardOnlyActions } from './iam-policy';
export { parametersDefaults } from './parameters';
export type { LambdaReuseLabStackProps } from './stack';
export { LambdaReuseLabStack } from './stack';

export type { AccountSettings } from './account-settings';
export { readAccountSettings } from './account-settings';
export type { Finding, PreflightInput } from './checks';
export { assessDeployment, MINIMUM_TERRAFORM } from './checks';
export { formatFindings } from './report';
export type { PreflightResult } from './run';
export { runPreflight } from './run';
export type { TerraformCli } from './terraform-cli';
export { findTerraformCli } from './terraform-cli';

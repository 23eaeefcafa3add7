import { functionCatalog } from '../../functions/catalog';
import { resolveStageConfigs, stackName } from '../../infra/index';
import { readAccountSettings } from './account-settings';
import { assessDeployment, type Finding } from './checks';
import { formatFindings } from './report';
import { findTerraformCli } from './terraform-cli';

/** The outcome of one preflight: the report to print and whether deploy may go ahead. */
export interface PreflightResult {
  readonly report: string;
  readonly findings: readonly Finding[];
  readonly passed: boolean;
}

/**
 * Runs the preflight for every stage the settings name (STAGE, ACCOUNT_CONCURRENCY, DB_*, AWS_REGION, ...),
 * read the way `cdktf synth` reads them. Read-only: one GetAccountSettings call and `terraform version`.
 *
 * @example
 * const { report, passed } = await runPreflight(process.env);
 */
export async function runPreflight(env: NodeJS.ProcessEnv): Promise<PreflightResult> {
  const configs = resolveStageConfigs({ env, context: () => undefined });
  const terraform = await findTerraformCli(env);
  const reports: string[] = [];
  const findings: Finding[] = [];
  for (const config of configs) {
    const account = await readAccountSettings(config.region);
    const stageFindings = assessDeployment({ config, functions: functionCatalog, account, terraform });
    reports.push(formatFindings(stackName(config), stageFindings));
    findings.push(...stageFindings);
  }
  return { report: reports.join('\n'), findings, passed: findings.every((f) => f.status !== 'fail') };
}

import type { TerraformJson } from '../stack';

/** Resource types the dev stack serves, and what serves them. */
const served: Readonly<Record<string, string>> = {
  aws_lambda_function: 'local Lambda runtime',
  aws_lambda_provisioned_concurrency_config: 'local Lambda runtime',
  // Its max_vcpu_count bounds each attached function's environments (Managed Instances).
  aws_lambda_capacity_provider: 'local Lambda runtime (Managed Instances)',
  aws_lambda_function_scaling_config: 'local Lambda runtime (Managed Instances)',
  aws_apigatewayv2_api: 'local HTTP API',
  aws_apigatewayv2_route: 'local HTTP API',
  aws_apigatewayv2_integration: 'local HTTP API',
  aws_apigatewayv2_stage: 'local HTTP API',
  aws_lambda_function_url: 'local HTTP API (/_url/<function>/)',
  aws_ssm_parameter: 'local SSM',
  aws_db_instance: 'local PostgreSQL',
};

/** The stack's resources counted by type, split into those served locally and those with no local meaning. */
export interface ResourceCensus {
  readonly served: ReadonlyArray<{ type: string; count: number; by: string }>;
  readonly ignored: ReadonlyArray<{ type: string; count: number }>;
}

/**
 * Counts the stack's resources by type. Ignored ones (VPC, IAM, KMS, log groups...) have no local
 * meaning: the summary lists them once so nobody wonders where they went.
 *
 * @example
 * resourceCensus(stack).ignored; // [{ type: 'aws_iam_role', count: 6 }, ...]
 */
export function resourceCensus(stack: TerraformJson): ResourceCensus {
  const servedOut: Array<{ type: string; count: number; by: string }> = [];
  const ignored: Array<{ type: string; count: number }> = [];
  for (const [type, resources] of Object.entries(stack.resource ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const count = Object.keys(resources).filter((id) => !id.startsWith('//')).length;
    if (count === 0) continue;
    const by = served[type];
    if (by !== undefined) servedOut.push({ type, count, by });
    else ignored.push({ type, count });
  }
  return { served: servedOut, ignored };
}

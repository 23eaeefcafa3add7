/** One IAM policy statement, in IAM's own JSON spelling. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * Renders a policy document. Plain JSON (not a data source or jsonencode) so tests can parse it;
 * Terraform references inside the strings are resolved by cdktf when the stack is synthesized.
 *
 * @example
 * policyDocument([{ Sid: 'Read', Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [arn] }]);
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * The ARN of an SSM parameter, or of a pattern of them; `name` starts with `/` as parameter names on a path do.
 *
 * @example
 * ssmParameterArn({ partition: 'aws', region: 'us-east-1', accountId: '123456789012' }, '/app/dev/*');
 * // 'arn:aws:ssm:us-east-1:123456789012:parameter/app/dev/*'
 */
export function ssmParameterArn(at: { partition: string; region: string; accountId: string }, name: string): string {
  return `arn:${at.partition}:ssm:${at.region}:${at.accountId}:parameter${name}`;
}

/** Trust policy letting one AWS service assume a role. */
export function assumeRolePolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole' }],
  });
}

/**
 * Actions AWS only authorises on Resource "*": they act on resources that do not exist yet (ENIs) or have no ARN
 * (X-Ray segments). Tests hold every `"*"` resource against this list.
 */
export const wildcardOnlyActions = {
  xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  // The actions of AWS's AWSLambdaVPCAccessExecutionRole managed policy, which Lambda uses to attach the function to the VPC.
  vpcNetworkInterfaces: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ],
} as const;

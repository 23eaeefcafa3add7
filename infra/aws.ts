/**
 * The only file that imports the prebuilt AWS provider. Each class comes from its own subpath, never the package
 * root: the root index loads all of the provider's 2,000-odd resource modules. Moving to CDK Terrain renames
 * the package (`@cdktn/provider-aws`) here and nowhere else.
 */
export { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
export { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
export { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
export { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
export { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
export { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
export { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
export { DbProxyDefaultTargetGroup } from '@cdktf/provider-aws/lib/db-proxy-default-target-group';
export { DbProxyTarget } from '@cdktf/provider-aws/lib/db-proxy-target';
export { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { LambdaCapacityProvider } from '@cdktf/provider-aws/lib/lambda-capacity-provider';
export { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
export { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { Route } from '@cdktf/provider-aws/lib/route';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
export { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
export { Subnet } from '@cdktf/provider-aws/lib/subnet';
export { Vpc } from '@cdktf/provider-aws/lib/vpc';
export { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
export { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
export { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

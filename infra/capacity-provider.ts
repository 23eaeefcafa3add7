import { Construct } from 'constructs';
import { IamRole, IamRolePolicyAttachment, LambdaCapacityProvider } from './aws';
import { assumeRolePolicy } from './iam-policy';
import type { LmiConfig } from './managed-instances';

/** Props for {@link CapacityProvider}. */
export interface CapacityProviderProps {
  /** `<prefix>-<stage>`: the capacity provider's and the operator role's name. */
  readonly name: string;
  readonly partition: string;
  readonly lmi: LmiConfig;
  /** Subnets the instances are launched in (several zones: Lambda spreads three instances for AZ resiliency). */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

export const capacityProviderDefaults = {
  // The operator role's trust and policy, as AWS documents them: "Trust policy – Allows the Lambda service
  // (lambda.amazonaws.com) to assume the role"; "At minimum, the role requires the permissions in the
  // AWSLambdaManagedEC2ResourceOperator managed policy".
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html
  operatorPrincipal: 'lambda.amazonaws.com',
  operatorPolicy: 'AWSLambdaManagedEC2ResourceOperator',
  // Auto: Lambda scales instances on CPU utilisation itself, within max_vcpu_count.
  // https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderScalingConfig.html
  scalingMode: 'Auto',
} as const;

/**
 * The Lambda Managed Instances capacity provider every function of the stage is attached to: the instances'
 * subnets and security group, the operator role Lambda assumes to run EC2 instances in the account, the
 * architecture (and optional instance types), and the scaling ceiling in vCPUs. One provider for the whole stage,
 * since a capacity provider is the trust boundary and the lab's functions trust each other.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html
 * https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/lambda_capacity_provider
 */
export class CapacityProvider extends Construct {
  readonly operatorRole: IamRole;
  readonly provider: LambdaCapacityProvider;

  constructor(scope: Construct, id: string, props: CapacityProviderProps) {
    super(scope, id);
    this.operatorRole = new IamRole(this, 'operator-role', {
      name: `${props.name}-lmi-operator`,
      assumeRolePolicy: assumeRolePolicy(capacityProviderDefaults.operatorPrincipal),
    });
    this.operatorRole.overrideLogicalId('lmi_operator');
    const attachment = new IamRolePolicyAttachment(this, 'operator-policy', {
      role: this.operatorRole.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/${capacityProviderDefaults.operatorPolicy}`,
    });
    attachment.overrideLogicalId('lmi_operator');

    const { lmi } = props;
    this.provider = new LambdaCapacityProvider(this, 'provider', {
      name: props.name,
      vpcConfig: [{ subnetIds: props.subnetIds, securityGroupIds: props.securityGroupIds }],
      permissionsConfig: [{ capacityProviderOperatorRoleArn: this.operatorRole.arn }],
      instanceRequirements: [
        {
          architectures: [lmi.architecture],
          ...(lmi.instanceTypes.length > 0 ? { allowedInstanceTypes: [...lmi.instanceTypes] } : {}),
        },
      ],
      capacityProviderScalingConfig: [
        { maxVcpuCount: lmi.maxVcpus, scalingMode: capacityProviderDefaults.scalingMode },
      ],
      // Lambda launches instances as soon as a version is published; the role must carry its policy by then.
      dependsOn: [attachment],
    });
    this.provider.overrideLogicalId('main');
  }
}

import { Construct } from 'constructs';
import {
  DataAwsAvailabilityZones,
  InternetGateway,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcSecurityGroupEgressRule,
} from './aws';
import { Fn } from './cdktf';

/** Props for {@link InstanceNetwork}. */
export interface InstanceNetworkProps {
  /** `<prefix>-<stage>`, for Name tags and the group's name. */
  readonly name: string;
}

export const instanceNetworkDefaults = {
  // Not the managed-mode VPC's 10.42.0.0/16, so both can be peered or compared without overlap.
  cidr: '10.43.0.0/16',
  publicSubnetCidrs: ['10.43.0.0/24', '10.43.1.0/24'],
} as const;

/**
 * The network of the Managed Instances capacity provider in external database mode, where the stack has no VPC
 * of its own: a capacity provider needs subnets and a security group, and the functions on its instances reach
 * the external database and SSM over the internet. So: two public subnets in two zones behind an internet gateway,
 * addresses assigned at launch, and one group whose only rule is HTTPS and PostgreSQL egress to anywhere.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html
 */
export class InstanceNetwork extends Construct {
  readonly vpc: Vpc;
  readonly subnetIds: string[];
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: InstanceNetworkProps) {
    super(scope, id);
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    zones.overrideLogicalId('lmi_available');
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: instanceNetworkDefaults.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.name}-lmi` },
    });
    this.vpc.overrideLogicalId('lmi');
    const gateway = new InternetGateway(this, 'gateway', { vpcId: this.vpc.id, tags: { Name: `${props.name}-lmi` } });
    gateway.overrideLogicalId('lmi');
    const table = new RouteTable(this, 'routes', { vpcId: this.vpc.id, tags: { Name: `${props.name}-lmi-public` } });
    table.overrideLogicalId('lmi_public');
    new Route(this, 'default-route', {
      routeTableId: table.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: gateway.id,
    }).overrideLogicalId('lmi_internet');
    this.subnetIds = instanceNetworkDefaults.publicSubnetCidrs.map((cidr, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: Fn.element(zones.names, i),
        mapPublicIpOnLaunch: true,
        tags: { Name: `${props.name}-lmi-public-${i}` },
      });
      subnet.overrideLogicalId(`lmi_public_${i}`);
      new RouteTableAssociation(this, `public-${i}-routes`, {
        subnetId: subnet.id,
        routeTableId: table.id,
      }).overrideLogicalId(`lmi_public_${i}`);
      return subnet.id;
    });
    this.securityGroup = new SecurityGroup(this, 'instances', {
      name: `${props.name}-lmi-instances`,
      description: 'Lambda Managed Instances; egress to HTTPS and PostgreSQL only, no ingress',
      vpcId: this.vpc.id,
    });
    this.securityGroup.overrideLogicalId('lmi_instances');
    for (const [key, port, description] of [
      ['https', 443, 'HTTPS to AWS service endpoints'],
      ['postgres', 5432, 'PostgreSQL to the external database'],
    ] as const) {
      new VpcSecurityGroupEgressRule(this, `egress-${key}`, {
        securityGroupId: this.securityGroup.id,
        cidrIpv4: '0.0.0.0/0',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description,
      }).overrideLogicalId(`lmi_${key}`);
    }
  }
}

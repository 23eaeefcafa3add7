import { Construct } from 'constructs';
import { DataAwsAvailabilityZones, SecurityGroup, Subnet, Vpc, VpcEndpoint, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule } from './aws';
import { Fn } from './cdktf';

/** Props for {@link Network}. */
export interface NetworkProps {
  /** `<prefix>-<stage>`, for Name tags and group names. */
  readonly name: string;
  readonly region: string;
}

export const networkDefaults = {
  cidr: '10.42.0.0/16',
  privateSubnetCidrs: ['10.42.0.0/24', '10.42.1.0/24'],
  postgresPort: 5432,
  // Services the VPC functions call. Reached through interface endpoints, so the VPC needs no NAT gateway.
  interfaceEndpoints: ['ssm', 'secretsmanager'],
} as const;

/**
 * A VPC with private subnets in two availability zones and no route to the internet. Three security groups:
 * functions (egress to the database and the endpoints only), database (5432 from the functions only), and
 * endpoints (443 from the functions only). Interface endpoints for SSM and Secrets Manager with private DNS,
 * so the SDK's default endpoints resolve to them.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly subnetIds: string[];
  readonly functionSecurityGroup: SecurityGroup;
  readonly databaseSecurityGroup: SecurityGroup;
  readonly endpointSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    zones.overrideLogicalId('available');
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: networkDefaults.cidr,
      // Private DNS of interface endpoints needs both.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });
    this.vpc.overrideLogicalId('main');
    this.subnetIds = networkDefaults.privateSubnetCidrs.map((cidr, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: Fn.element(zones.names, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${i}` },
      });
      subnet.overrideLogicalId(`private_${i}`);
      return subnet.id;
    });

    // No inline rules: Terraform then drops the default allow-all egress, and every path below is explicit.
    const group = (key: string, description: string) => {
      const sg = new SecurityGroup(this, key, { name: `${props.name}-${key}`, description, vpcId: this.vpc.id });
      sg.overrideLogicalId(key);
      return sg;
    };
    this.functionSecurityGroup = group('functions', 'Lambda functions that use the database');
    this.databaseSecurityGroup = group('database', 'PostgreSQL; accepts 5432 from the functions only');
    this.endpointSecurityGroup = group('endpoints', 'Interface endpoints; accept 443 from the functions only');

    const port = networkDefaults.postgresPort;
    new VpcSecurityGroupIngressRule(this, 'db-from-functions', {
      securityGroupId: this.databaseSecurityGroup.id,
      referencedSecurityGroupId: this.functionSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: 'PostgreSQL from the functions',
    }).overrideLogicalId('db_from_functions');
    new VpcSecurityGroupEgressRule(this, 'functions-to-db', {
      securityGroupId: this.functionSecurityGroup.id,
      referencedSecurityGroupId: this.databaseSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: 'PostgreSQL',
    }).overrideLogicalId('functions_to_db');
    new VpcSecurityGroupEgressRule(this, 'functions-to-endpoints', {
      securityGroupId: this.functionSecurityGroup.id,
      referencedSecurityGroupId: this.endpointSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to the AWS service endpoints',
    }).overrideLogicalId('functions_to_endpoints');
    new VpcSecurityGroupIngressRule(this, 'endpoints-from-functions', {
      securityGroupId: this.endpointSecurityGroup.id,
      referencedSecurityGroupId: this.functionSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS from the functions',
    }).overrideLogicalId('endpoints_from_functions');

    for (const service of networkDefaults.interfaceEndpoints) {
      const endpoint = new VpcEndpoint(this, `endpoint-${service}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.subnetIds,
        securityGroupIds: [this.endpointSecurityGroup.id],
        tags: { Name: `${props.name}-${service}` },
      });
      endpoint.overrideLogicalId(service);
    }
  }

  /**
   * Opens the paths an RDS Proxy in the database group needs: 5432 to the instance in the same group, and 443 to
   * the endpoints, since the proxy reads the database secret from Secrets Manager.
   */
  allowProxy(): void {
    new VpcSecurityGroupIngressRule(this, 'db-from-proxy', {
      securityGroupId: this.databaseSecurityGroup.id,
      referencedSecurityGroupId: this.databaseSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: networkDefaults.postgresPort,
      toPort: networkDefaults.postgresPort,
      description: 'PostgreSQL from the RDS Proxy',
    }).overrideLogicalId('db_from_proxy');
    new VpcSecurityGroupEgressRule(this, 'proxy-to-db', {
      securityGroupId: this.databaseSecurityGroup.id,
      referencedSecurityGroupId: this.databaseSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: networkDefaults.postgresPort,
      toPort: networkDefaults.postgresPort,
      description: 'RDS Proxy to PostgreSQL',
    }).overrideLogicalId('proxy_to_db');
    new VpcSecurityGroupEgressRule(this, 'proxy-to-endpoints', {
      securityGroupId: this.databaseSecurityGroup.id,
      referencedSecurityGroupId: this.endpointSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'RDS Proxy to Secrets Manager',
    }).overrideLogicalId('proxy_to_endpoints');
    new VpcSecurityGroupIngressRule(this, 'endpoints-from-proxy', {
      securityGroupId: this.endpointSecurityGroup.id,
      referencedSecurityGroupId: this.databaseSecurityGroup.id,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS from the RDS Proxy',
    }).overrideLogicalId('endpoints_from_proxy');
  }
}

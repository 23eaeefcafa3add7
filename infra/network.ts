import { Construct } from 'constructs';
import {
  DataAwsAvailabilityZones,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from './aws';
import { Fn } from './cdktf';
import { databaseDefaults } from './database';
import { terraformId } from './terraform-id';

/** Props for {@link Network}. */
export interface NetworkProps {
  /** `<prefix>-<stage>`, for Name tags and group names. */
  readonly name: string;
  readonly region: string;
  /**
   * AWS services something in the VPC calls: each gets an interface endpoint. An endpoint costs per hour and
   * per zone whether used or not, so the stack lists only services a VPC function or the RDS Proxy calls.
   */
  readonly interfaceEndpoints: readonly InterfaceEndpointService[];
}

/** Services the VPC may reach through an interface endpoint. */
export type InterfaceEndpointService = 'ssm' | 'secretsmanager';

/** The ends of a security-group rule; `proxy` is the RDS Proxy, which shares the database group. */
type Peer = 'functions' | 'db' | 'proxy' | 'endpoints';

export const networkDefaults = {
  cidr: '10.42.0.0/16',
  privateSubnetCidrs: ['10.42.0.0/24', '10.42.1.0/24'],
  postgresPort: databaseDefaults.port,
} as const;

/**
 * A VPC with private subnets in two availability zones and no route to the internet. Three security groups:
 * functions (egress to the database and the endpoints only), database (5432 from the functions only), and
 * endpoints (443 from the functions only). An interface endpoint with private DNS for each service listed,
 * so the SDK's default endpoints resolve to them and the VPC needs no NAT gateway.
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

    this.allowTcp('functions', 'db', networkDefaults.postgresPort, {
      egress: 'PostgreSQL',
      ingress: 'PostgreSQL from the functions',
    });
    this.allowTcp('functions', 'endpoints', 443, {
      egress: 'HTTPS to the AWS service endpoints',
      ingress: 'HTTPS from the functions',
    });

    for (const service of props.interfaceEndpoints) {
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
    this.allowTcp('proxy', 'db', networkDefaults.postgresPort, {
      egress: 'RDS Proxy to PostgreSQL',
      ingress: 'PostgreSQL from the RDS Proxy',
    });
    this.allowTcp('proxy', 'endpoints', 443, {
      egress: 'RDS Proxy to Secrets Manager',
      ingress: 'HTTPS from the RDS Proxy',
    });
  }

  /**
   * One TCP path between two groups: egress on `from` and the matching ingress on `to`. The construct ids
   * (`<from>-to-<to>`, `<to>-from-<from>`) are also the Terraform keys, so renaming a peer replaces its rules.
   */
  private allowTcp(from: Peer, to: Peer, port: number, description: { egress: string; ingress: string }): void {
    const egress = `${from}-to-${to}`;
    new VpcSecurityGroupEgressRule(this, egress, {
      securityGroupId: this.securityGroup(from).id,
      referencedSecurityGroupId: this.securityGroup(to).id,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: description.egress,
    }).overrideLogicalId(terraformId(egress));
    const ingress = `${to}-from-${from}`;
    new VpcSecurityGroupIngressRule(this, ingress, {
      securityGroupId: this.securityGroup(to).id,
      referencedSecurityGroupId: this.securityGroup(from).id,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: description.ingress,
    }).overrideLogicalId(terraformId(ingress));
  }

  private securityGroup(peer: Peer): SecurityGroup {
    switch (peer) {
      case 'functions':
        return this.functionSecurityGroup;
      // The RDS Proxy sits in the database group.
      case 'db':
      case 'proxy':
        return this.databaseSecurityGroup;
      case 'endpoints':
        return this.endpointSecurityGroup;
    }
  }
}

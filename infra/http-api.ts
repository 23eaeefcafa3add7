import { Construct } from 'constructs';
import type { FunctionSpec } from '../functions/catalog';
import type { LambdaFunction } from './aws';
import {
  Apigatewayv2Api,
  Apigatewayv2Integration,
  Apigatewayv2Route,
  Apigatewayv2Stage,
  CloudwatchLogGroup,
  LambdaPermission,
} from './aws';
import { terraformId } from './terraform-id';

/** Props for {@link HttpApi}. */
export interface HttpApiProps {
  /** API name, `<prefix>-<stage>`. */
  readonly name: string;
  readonly functions: readonly { readonly spec: FunctionSpec; readonly function: LambdaFunction }[];
  readonly logRetentionDays: number;
  /** Default route throttle of the stage; both are always set, since an omitted one is applied as 0. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

export const httpApiDefaults = {
  payloadFormatVersion: '2.0',
  stageName: '$default',
  // One JSON object per request; the request id ties a line to the function's logs.
  accessLogFormat: JSON.stringify({
    requestId: '$context.requestId',
    routeKey: '$context.routeKey',
    status: '$context.status',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
  }),
} as const;

/**
 * The access log group's name. Under `/aws/vendedlogs/` because HTTP API access logs are vended logs: for
 * other names API Gateway adds each group to the account's CloudWatch Logs resource policy, which is limited
 * to 5,120 characters, and stage creation fails once an account has many APIs logging.
 *
 * @example
 * accessLogGroupName('lambda-reuse-lab-dev'); // '/aws/vendedlogs/apigateway/lambda-reuse-lab-dev/access'
 */
export function accessLogGroupName(api: string): string {
  return `/aws/vendedlogs/apigateway/${api}/access`;
}

/**
 * An API Gateway HTTP API: a `$default` stage that deploys itself, throttles every route to the configured
 * rate and burst (the API is public, and `POST /db` writes rows), and writes access logs to its own group,
 * one Lambda proxy integration (payload 2.0) per function, one route per catalog route key, and a permission
 * per function that only this API's execution ARN may use.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new Apigatewayv2Api(this, 'api', { name: props.name, protocolType: 'HTTP' });
    this.api.overrideLogicalId('http_api');

    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: accessLogGroupName(props.name),
      retentionInDays: props.logRetentionDays,
    });
    this.accessLogGroup.overrideLogicalId('http_api_access');

    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: httpApiDefaults.stageName,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: httpApiDefaults.accessLogFormat },
      defaultRouteSettings: {
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
      },
    });
    this.stage.overrideLogicalId('http_api_default');

    for (const { spec, function: fn } of props.functions) {
      const key = terraformId(spec.name);
      const integration = new Apigatewayv2Integration(this, `integration-${spec.name}`, {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationMethod: 'POST',
        integrationUri: fn.invokeArn,
        payloadFormatVersion: httpApiDefaults.payloadFormatVersion,
      });
      integration.overrideLogicalId(key);
      for (const routeKey of spec.routes) {
        const route = new Apigatewayv2Route(this, `route-${routeKey}`, {
          apiId: this.api.id,
          routeKey,
          target: `integrations/${integration.id}`,
        });
        route.overrideLogicalId(terraformId(routeKey));
      }
      const permission = new LambdaPermission(this, `permission-${spec.name}`, {
        statementId: 'AllowInvokeFromHttpApi',
        action: 'lambda:InvokeFunction',
        functionName: fn.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/*`,
      });
      permission.overrideLogicalId(key);
    }
  }
}

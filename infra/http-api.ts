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
 * An API Gateway HTTP API: a `$default` stage that deploys itself and writes access logs to its own group,
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
      name: `/aws/apigateway/${props.name}/access`,
      retentionInDays: props.logRetentionDays,
    });
    this.accessLogGroup.overrideLogicalId('http_api_access');

    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: httpApiDefaults.stageName,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: httpApiDefaults.accessLogFormat },
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

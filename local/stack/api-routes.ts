/**
 * Reads the HTTP API of a synthesized stack (cdk.tf.json, parsed): each `aws_apigatewayv2_route`, through
 * its `aws_apigatewayv2_integration`, to the `aws_lambda_function` behind it.
 */

import { CodedError } from '../../common/errors';

/** One route of the stack's HTTP API and the function that serves it. */
export interface StackApiRoute {
  /** `aws_apigatewayv2_api.<apiResourceId>` */
  apiResourceId: string;
  /** `aws_apigatewayv2_route.<routeResourceId>` */
  routeResourceId: string;
  /** `GET /hello`, `ANY /items/{proxy+}` or `$default`. */
  routeKey: string;
  integrationResourceId: string;
  /** `aws_lambda_function.<functionResourceId>`, the terraform id (not the function name). */
  functionResourceId: string;
  /** The deployed function name, when a resolver was given and knew it. */
  functionName: string | undefined;
  payloadFormatVersion: string;
}

/** An `aws_apigatewayv2_api` with protocol HTTP and its stages. */
export interface StackHttpApi {
  resourceId: string;
  name: string | undefined;
  stages: { resourceId: string; name: string; stageVariables: Record<string, string> }[];
}

/** The stack's API resources have a shape this reader does not understand (the message names the resource). */
export class ApiRoutesStackError extends CodedError {
  constructor(message: string, options?: ErrorOptions) {
    super('ESTACKAPI', message, options);
  }
}

type Resources = Record<string, Record<string, unknown>>;

const resourcesOf = (stack: unknown, type: string): Resources => {
  const all = (stack as { resource?: Record<string, unknown> } | null)?.resource?.[type];
  if (all === undefined) return {};
  if (all === null || typeof all !== 'object')
    throw new ApiRoutesStackError(`stack: resource.${type} must be an object of resources`);
  return Object.fromEntries(Object.entries(all as Resources).filter(([id]) => !id.startsWith('//')));
};

/** `${aws_x.y.attr}` (optionally inside a longer string) -> `y`, when the reference is to `aws_x` and an allowed attribute. */
function referencedId(value: unknown, type: string, attributes: readonly string[], where: string): string {
  const pattern = new RegExp(`\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.(${attributes.join('|')})\\}`);
  const found = typeof value === 'string' ? pattern.exec(value) : null;
  if (!found?.[1]) {
    throw new ApiRoutesStackError(
      `stack: ${where} must reference \${${type}.<id>.${attributes.join('|')}}, got ${JSON.stringify(value)}`,
    );
  }
  return found[1];
}

/**
 * Lists the HTTP API routes of a stack with the terraform id of the Lambda function behind each, and its name
 * when `functionName` resolves it (the local runtime knows which name each aws_lambda_function deploys as).
 * Only HTTP APIs (protocol_type HTTP) are read; WebSocket APIs are skipped.
 *
 * @example
 * const { routes } = apiRoutesFromStack(stack, { functionName: (id) => functions.get(id)?.name });
 * await startHttpApi({ routes: routes.map((r) => ({ routeKey: r.routeKey, functionName: r.functionName! })), invoke });
 */
export function apiRoutesFromStack(
  stack: unknown,
  options: { functionName?: (functionResourceId: string) => string | undefined } = {},
): { apis: StackHttpApi[]; routes: StackApiRoute[] } {
  const apis = resourcesOf(stack, 'aws_apigatewayv2_api');
  const routes = resourcesOf(stack, 'aws_apigatewayv2_route');
  const integrations = resourcesOf(stack, 'aws_apigatewayv2_integration');
  const stages = resourcesOf(stack, 'aws_apigatewayv2_stage');
  const httpApiIds = Object.entries(apis)
    .filter(([, api]) => api.protocol_type === 'HTTP')
    .map(([id]) => id);

  const apiList: StackHttpApi[] = httpApiIds.map((id) => ({
    resourceId: id,
    name: typeof apis[id]?.name === 'string' ? (apis[id]?.name as string) : undefined,
    stages: Object.entries(stages)
      .filter(
        ([stageId, s]) =>
          referencedId(s.api_id, 'aws_apigatewayv2_api', ['id'], `aws_apigatewayv2_stage.${stageId}.api_id`) === id,
      )
      .map(([stageId, s]) => ({
        resourceId: stageId,
        name: typeof s.name === 'string' ? s.name : '$default',
        stageVariables: (s.stage_variables ?? {}) as Record<string, string>,
      })),
  }));

  const routeList: StackApiRoute[] = [];
  for (const [routeId, route] of Object.entries(routes)) {
    const apiResourceId = referencedId(
      route.api_id,
      'aws_apigatewayv2_api',
      ['id'],
      `aws_apigatewayv2_route.${routeId}.api_id`,
    );
    if (!httpApiIds.includes(apiResourceId)) continue;
    if (typeof route.route_key !== 'string') {
      throw new ApiRoutesStackError(
        `stack: aws_apigatewayv2_route.${routeId}.route_key must be a string, got ${JSON.stringify(route.route_key)}`,
      );
    }
    if (typeof route.target !== 'string' || !route.target.startsWith('integrations/')) {
      throw new ApiRoutesStackError(
        `stack: aws_apigatewayv2_route.${routeId}.target must be "integrations/\${aws_apigatewayv2_integration.<id>.id}", got ${JSON.stringify(route.target)}`,
      );
    }
    const integrationResourceId = referencedId(
      route.target,
      'aws_apigatewayv2_integration',
      ['id'],
      `aws_apigatewayv2_route.${routeId}.target`,
    );
    const integration = integrations[integrationResourceId];
    if (!integration) {
      throw new ApiRoutesStackError(
        `stack: aws_apigatewayv2_route.${routeId} targets aws_apigatewayv2_integration.${integrationResourceId}, which the stack does not define`,
      );
    }
    const functionResourceId = referencedId(
      integration.integration_uri,
      'aws_lambda_function',
      ['invoke_arn', 'arn', 'qualified_invoke_arn', 'qualified_arn'],
      `aws_apigatewayv2_integration.${integrationResourceId}.integration_uri`,
    );
    routeList.push({
      apiResourceId,
      routeResourceId: routeId,
      routeKey: route.route_key,
      integrationResourceId,
      functionResourceId,
      functionName: options.functionName?.(functionResourceId),
      payloadFormatVersion:
        typeof integration.payload_format_version === 'string' ? integration.payload_format_version : '1.0',
    });
  }
  return { apis: apiList, routes: routeList };
}

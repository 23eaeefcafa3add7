import { ApiRoutesStackError, apiRoutesFromStack } from '../../local/stack/api-routes';

/** The shape cdktf synthesizes into cdk.tf.json for an HTTP API in front of two functions. */
const fixtureStack = {
  resource: {
    aws_lambda_function: {
      hello: { function_name: 'lambda-reuse-lab-dev-hello', handler: 'index.handler' },
      db: { function_name: 'lambda-reuse-lab-dev-db', handler: 'index.handler' },
    },
    aws_apigatewayv2_api: {
      http: { name: 'lambda-reuse-lab-dev', protocol_type: 'HTTP' },
      ws: { name: 'sockets', protocol_type: 'WEBSOCKET' },
    },
    aws_apigatewayv2_stage: {
      default: { api_id: '${aws_apigatewayv2_api.http.id}', name: '$default', auto_deploy: true },
    },
    aws_apigatewayv2_integration: {
      hello: {
        '//': { metadata: { path: 'stack/hello-integration' } },
        api_id: '${aws_apigatewayv2_api.http.id}',
        integration_type: 'AWS_PROXY',
        integration_uri: '${aws_lambda_function.hello.invoke_arn}',
        payload_format_version: '2.0',
      },
      db: {
        api_id: '${aws_apigatewayv2_api.http.id}',
        integration_type: 'AWS_PROXY',
        integration_uri: '${aws_lambda_function.db.invoke_arn}',
        payload_format_version: '2.0',
      },
      ws: {
        api_id: '${aws_apigatewayv2_api.ws.id}',
        integration_type: 'AWS_PROXY',
        integration_uri: '${aws_lambda_function.hello.invoke_arn}',
      },
    },
    aws_apigatewayv2_route: {
      hello_get: {
        api_id: '${aws_apigatewayv2_api.http.id}',
        route_key: 'GET /hello',
        target: 'integrations/${aws_apigatewayv2_integration.hello.id}',
      },
      db_get: {
        api_id: '${aws_apigatewayv2_api.http.id}',
        route_key: 'GET /db',
        target: 'integrations/${aws_apigatewayv2_integration.db.id}',
      },
      db_post: {
        api_id: '${aws_apigatewayv2_api.http.id}',
        route_key: 'POST /db',
        target: 'integrations/${aws_apigatewayv2_integration.db.id}',
      },
      ws_connect: {
        api_id: '${aws_apigatewayv2_api.ws.id}',
        route_key: '$connect',
        target: 'integrations/${aws_apigatewayv2_integration.ws.id}',
      },
    },
  },
};

describe('apiRoutesFromStack', () => {
  it('maps each HTTP API route to the terraform id of its function and, with a resolver, its name', () => {
    // Prepare
    const names: Record<string, string> = { hello: 'lambda-reuse-lab-dev-hello', db: 'lambda-reuse-lab-dev-db' };
    // Act
    const { apis, routes } = apiRoutesFromStack(fixtureStack, { functionName: (id) => names[id] });
    // Assess
    expect(routes.map((r) => [r.routeKey, r.functionResourceId, r.functionName, r.payloadFormatVersion])).toEqual([
      ['GET /hello', 'hello', 'lambda-reuse-lab-dev-hello', '2.0'],
      ['GET /db', 'db', 'lambda-reuse-lab-dev-db', '2.0'],
      ['POST /db', 'db', 'lambda-reuse-lab-dev-db', '2.0'],
    ]);
    expect(routes[0]).toMatchObject({
      apiResourceId: 'http',
      routeResourceId: 'hello_get',
      integrationResourceId: 'hello',
    });
    expect(apis).toEqual([
      {
        resourceId: 'http',
        name: 'lambda-reuse-lab-dev',
        stages: [{ resourceId: 'default', name: '$default', stageVariables: {} }],
      },
    ]);
  });

  it('leaves functionName undefined without a resolver', () => {
    // Act
    const { routes } = apiRoutesFromStack(fixtureStack);
    // Assess
    expect(routes.every((r) => r.functionName === undefined)).toBe(true);
    expect(routes).toHaveLength(3);
  });

  it('fails on a route whose integration the stack does not define, naming both resources', () => {
    // Prepare
    const stack = structuredClone(fixtureStack) as any;
    stack.resource.aws_apigatewayv2_route.hello_get.target = 'integrations/${aws_apigatewayv2_integration.missing.id}';
    // Act
    const attempt = () => apiRoutesFromStack(stack);
    // Assess
    expect(attempt).toThrow(ApiRoutesStackError);
    expect(attempt).toThrow('aws_apigatewayv2_route.hello_get targets aws_apigatewayv2_integration.missing');
  });

  it('fails on an integration that does not point at a Lambda function', () => {
    // Prepare
    const stack = structuredClone(fixtureStack) as any;
    stack.resource.aws_apigatewayv2_integration.db.integration_uri = 'https://example.com';
    // Act
    const attempt = () => apiRoutesFromStack(stack);
    // Assess
    expect(attempt).toThrow(
      'aws_apigatewayv2_integration.db.integration_uri must reference ${aws_lambda_function.<id>',
    );
  });
});

import { functionCatalog } from '../../functions/catalog';
import { buildStandInBundles, resources, type SynthesizedStack, synthStack, terraformKey } from './support';

describe('HTTP API', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  let parsed: SynthesizedStack;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
    ({ parsed } = synthStack({}, bundles.bundlesDir));
  });
  afterAll(() => bundles.cleanup());

  it('routes every catalog route key, naive twins included, to a payload 2.0 proxy integration of its function', () => {
    // Prepare
    const routes = Object.values(resources(parsed, 'aws_apigatewayv2_route'));
    const integrations = resources(parsed, 'aws_apigatewayv2_integration');
    const expected = functionCatalog.flatMap((f) => f.routes.map((r) => [r, f.name] as const));
    // Act
    const byRouteKey = new Map(routes.map((r) => [String(r.route_key), String(r.target)]));
    // Assess
    expect([...byRouteKey.keys()].sort()).toEqual(expected.map(([r]) => r).sort());
    for (const [routeKey, fnName] of expected) {
      const key = terraformKey(fnName);
      expect(byRouteKey.get(routeKey)).toBe(`integrations/\${aws_apigatewayv2_integration.${key}.id}`);
      expect(integrations[key]).toMatchObject({
        integration_type: 'AWS_PROXY',
        integration_method: 'POST',
        payload_format_version: '2.0',
        integration_uri: `\${aws_lambda_function.${key}.invoke_arn}`,
      });
    }
    expect(byRouteKey.has('GET /config/naive')).toBe(true);
    expect(byRouteKey.has('POST /db/naive')).toBe(true);
    expect(byRouteKey.has('GET /hello/lmi')).toBe(true);
  });

  it('gives each function one invoke permission usable only from this API', () => {
    // Prepare
    const permissions = Object.values(resources(parsed, 'aws_lambda_permission'));
    // Act
    const byFunction = new Map(permissions.map((p) => [String(p.function_name), p]));
    // Assess
    expect(permissions).toHaveLength(functionCatalog.length);
    for (const f of functionCatalog) {
      const key = terraformKey(f.name);
      expect(byFunction.get(`\${aws_lambda_function.${key}.function_name}`)).toMatchObject({
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
        source_arn: '${aws_apigatewayv2_api.http_api.execution_arn}/*/*',
      });
    }
  });

  it('serves a $default stage that deploys itself and writes access logs to its own group', () => {
    // Prepare
    const api = resources(parsed, 'aws_apigatewayv2_api').http_api;
    const stage = resources(parsed, 'aws_apigatewayv2_stage').http_api_default;
    // Act
    const accessLogs = (stage?.access_log_settings ?? {}) as { destination_arn?: string; format?: string };
    // Assess
    expect(api).toMatchObject({ protocol_type: 'HTTP', name: 'lambda-reuse-lab-dev' });
    expect(stage).toMatchObject({ name: '$default', auto_deploy: true });
    expect(accessLogs.destination_arn).toBe('${aws_cloudwatch_log_group.http_api_access.arn}');
    expect(JSON.parse(accessLogs.format ?? '{}')).toHaveProperty('requestId', '$context.requestId');
  });

  it('writes access logs to a /aws/vendedlogs/ group, which stays out of the account-wide resource policy', () => {
    // Prepare
    const groups = resources(parsed, 'aws_cloudwatch_log_group');
    // Act
    const name = groups.http_api_access?.name;
    // Assess
    expect(name).toBe('/aws/vendedlogs/apigateway/lambda-reuse-lab-dev/access');
  });

  it('throttles the default route at 50 requests per second, burst 100, both limits set', () => {
    // Prepare
    const stage = resources(parsed, 'aws_apigatewayv2_stage').http_api_default;
    // Act
    const settings = stage?.default_route_settings;
    // Assess
    expect(settings).toEqual({ throttling_rate_limit: 50, throttling_burst_limit: 100 });
  });

  it('takes the throttle from API_THROTTLE_RATE and API_THROTTLE_BURST', () => {
    // Prepare
    const env = { API_THROTTLE_RATE: '5', API_THROTTLE_BURST: '7' };
    // Act
    const stage = resources(synthStack(env, bundles.bundlesDir).parsed, 'aws_apigatewayv2_stage').http_api_default;
    // Assess
    expect(stage?.default_route_settings).toEqual({ throttling_rate_limit: 5, throttling_burst_limit: 7 });
  });
});

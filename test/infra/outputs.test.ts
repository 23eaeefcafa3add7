import { functionCatalog } from '../../functions/catalog';
import { buildStandInBundles, synthStack } from './support';

const secretLooking =
  /password|secret|master_user|db\/url|connection.?string|postgres(ql)?:\/\/|aws_ssm_parameter\.[a-z_]+\.value|private_key|token/i;

describe.each(['managed', 'external'])('outputs in %s mode', (mode) => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it('exposes the API URL, function names and ARNs and the parameter path, and nothing secret-looking', () => {
    // Prepare
    const { parsed } = synthStack(
      { DB_MODE: mode, DB_PROXY: mode === 'managed' ? 'true' : 'false' },
      bundles.bundlesDir,
    );
    // Act
    const outputs = parsed.output ?? {};
    const rendered = JSON.stringify(outputs);
    // Assess
    expect(Object.keys(outputs).sort()).toEqual(['api_url', 'db_mode', 'functions', 'parameter_path']);
    expect(outputs.api_url?.value).toBe('${aws_apigatewayv2_stage.http_api_default.invoke_url}');
    expect(outputs.parameter_path?.value).toBe('/lambda-reuse-lab/dev/');
    expect(Object.keys(outputs.functions?.value as object).sort()).toEqual(functionCatalog.map((f) => f.name).sort());
    expect(rendered).not.toMatch(secretLooking);
  });
});

import { readFileSync } from 'node:fs';
import { startDatabase } from '../../local/dev-stack/database';
import { databaseParameters } from '../../local/dev-stack/database-parameters';
import { applyEnvOverrides, parseEnvOverride } from '../../local/dev-stack/env-overrides';
import { localResolver } from '../../local/dev-stack/local-references';
import { resourceCensus } from '../../local/dev-stack/stack-resources';
import { resolveValue, type TerraformJson } from '../../local/stack';
import { ssmParametersFromStack } from '../../local/stack/ssm-parameters';
import { cleanup, snapshotStack } from './support';

const local = {
  region: 'us-east-1',
  accountId: '000000000000',
  database: { host: '127.0.0.1', port: 55432, name: 'lab' },
  httpApiUrl: 'http://127.0.0.1:3000',
};

/** An external database needs no server: startDatabase only reads the URL. */
const externalDatabase = () =>
  startDatabase({
    databaseUrl: 'postgres://postgres:pw-not-for-logs@127.0.0.1:55432/lab',
    dataDir: '/unused',
    host: '127.0.0.1',
    port: 0,
    databaseName: 'lab',
  });

describe('local equivalents of the synthesized stack', () => {
  let stack: TerraformJson;
  beforeAll(async () => {
    stack = JSON.parse(readFileSync(await snapshotStack(), 'utf8')) as TerraformJson;
  });
  afterAll(() => cleanup());

  it('resolves deployed-only references to the local function, database and API', () => {
    // Prepare
    const resolve = localResolver(stack, local);
    const missing: Array<{ where: string; expression: string }> = [];
    // Act
    const invokeArn = resolveValue('${aws_lambda_function.hello.invoke_arn}', resolve, 'test', missing);
    const host = resolveValue('${aws_db_instance.main.address}:${aws_db_instance.main.port}', resolve, 'test', missing);
    const api = resolveValue('${aws_apigatewayv2_api.http_api.api_endpoint}/hello', resolve, 'test', missing);
    const name = resolveValue('${aws_ssm_parameter.app_message.name}', resolve, 'test', missing);
    const unknown = resolveValue('${aws_kms_key.app.arn}', resolve, 'test', missing);
    // Assess
    expect(invokeArn).toBe(
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:lambda-reuse-lab-dev-hello/invocations',
    );
    expect(host).toBe('127.0.0.1:55432');
    expect(api).toBe('http://127.0.0.1:3000/hello');
    expect(name).toBe('/lambda-reuse-lab/dev/app/message');
    expect(unknown).toBe('${aws_kms_key.app.arn}');
    expect(missing.map((m) => m.expression)).toEqual(['aws_kms_key.app.arn']);
  });

  it('points the managed-mode db parameters at the local database, and keeps the password out of SSM', async () => {
    // Prepare
    const declared = ssmParametersFromStack(stack, { resolve: localResolver(stack, local) }).parameters;
    const db = await externalDatabase();
    // Act
    const { declared: kept, overrides } = databaseParameters(declared, db);
    // Assess
    const byName = Object.fromEntries(overrides.map((o) => [o.name.replace('/lambda-reuse-lab/dev/', ''), o]));
    expect(Object.keys(byName).sort()).toEqual(['db/database', 'db/host', 'db/port', 'db/ssl', 'db/user']);
    expect(byName['db/ssl']?.value).toBe('disable');
    // The password is served by the local Secrets Manager under the secret the stack names, as on AWS.
    expect(kept.find((d) => d.name.endsWith('/db/password-secret-id'))?.value).toBe(
      'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds!db-local-a1b2c3',
    );
    expect(JSON.stringify([kept, overrides])).not.toContain('pw-not-for-logs');
    expect(JSON.stringify(db)).not.toContain('pw-not-for-logs');
  });

  it('counts the resources with no local meaning by type', () => {
    // Act
    const census = resourceCensus(stack);
    // Assess
    expect(census.served.map((s) => s.type)).toEqual(
      expect.arrayContaining(['aws_lambda_function', 'aws_apigatewayv2_route', 'aws_ssm_parameter']),
    );
    expect(census.ignored.find((i) => i.type === 'aws_iam_role')?.count).toBe(7);
    expect(census.ignored.some((i) => i.type === 'aws_lambda_function')).toBe(false);
  });

  it('sets an --env override on the named function only, and refuses an unknown function', () => {
    // Prepare
    const fns = ['hello', 'config'].map((n) => ({
      name: `lambda-reuse-lab-dev-${n}`,
      handler: 'index.handler',
      runtime: 'nodejs24.x',
      memorySize: 128,
      timeout: 3,
      codeDir: '/x',
      environment: { CONFIG_TTL_MS: '60000' },
    }));
    // Act
    const out = applyEnvOverrides(fns, [
      parseEnvOverride('config.CONFIG_TTL_MS=1000'),
      parseEnvOverride('LOG_LEVEL=debug'),
    ]);
    // Assess
    expect(out[0]?.environment).toEqual({ CONFIG_TTL_MS: '60000', LOG_LEVEL: 'debug' });
    expect(out[1]?.environment).toEqual({ CONFIG_TTL_MS: '1000', LOG_LEVEL: 'debug' });
    expect(() => applyEnvOverrides(fns, [parseEnvOverride('nope.X=1')])).toThrow(
      'option env is "nope.X"; allowed: a function of the stack: hello, config',
    );
    expect(() => parseEnvOverride('=1')).toThrow(/option env is "=1"; allowed: \[<function>\.\]<NAME>=<value>/);
  });
});

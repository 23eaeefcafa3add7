import { mapResolver } from '../../local/stack/references';
import { SsmParametersStackError, ssmParametersFromStack } from '../../local/stack/ssm-parameters';

/** The shape cdktf synthesizes into cdk.tf.json for aws_ssm_parameter resources. */
const fixtureStack = {
  '//': { metadata: { stackName: 'lambda-reuse-lab-dev' } },
  variable: { db_password: { sensitive: true, type: 'string' } },
  resource: {
    aws_ssm_parameter: {
      app_message: {
        '//': { metadata: { path: 'lambda-reuse-lab-dev/app_message' } },
        name: '/lambda-reuse-lab/dev/app/message',
        type: 'String',
        value: 'Hello from Parameter Store',
      },
      db_password: { name: '/lambda-reuse-lab/dev/db/password', type: 'SecureString', value: '${var.db_password}' },
      db_host: {
        name: '/lambda-reuse-lab/${var.stage}/db/host',
        type: 'String',
        insecure_value: '${aws_db_instance.main.address}',
      },
    },
    aws_lambda_function: { hello: { function_name: 'x' } },
  },
};

describe('ssmParametersFromStack', () => {
  it('lists literal parameters and reports terraform references it cannot resolve', () => {
    // Act
    const { parameters, unresolved } = ssmParametersFromStack(fixtureStack);
    // Assess
    expect(parameters).toEqual([
      {
        resourceId: 'app_message',
        name: '/lambda-reuse-lab/dev/app/message',
        type: 'String',
        value: 'Hello from Parameter Store',
      },
      { resourceId: 'db_password', name: '/lambda-reuse-lab/dev/db/password', type: 'SecureString', value: undefined },
    ]);
    expect(unresolved).toEqual([
      { resourceId: 'db_password', attribute: 'value', expression: 'var.db_password' },
      { resourceId: 'db_host', attribute: 'name', expression: 'var.stage' },
    ]);
  });

  it('uses a resolver for the references it can answer', () => {
    // Prepare
    const resolve = mapResolver({ 'var.stage': 'dev', 'aws_db_instance.main.address': '127.0.0.1' });
    // Act
    const { parameters, unresolved } = ssmParametersFromStack(fixtureStack, { resolve });
    // Assess
    expect(parameters.find((p) => p.resourceId === 'db_host')).toEqual({
      resourceId: 'db_host',
      name: '/lambda-reuse-lab/dev/db/host',
      type: 'String',
      value: '127.0.0.1',
    });
    expect(unresolved).toEqual([{ resourceId: 'db_password', attribute: 'value', expression: 'var.db_password' }]);
  });

  it('returns nothing for a stack without SSM parameters', () => {
    // Act
    const result = ssmParametersFromStack({ resource: {} });
    // Assess
    expect(result).toEqual({ parameters: [], unresolved: [] });
  });

  it('fails on a parameter type it does not know, naming the resource and the value', () => {
    // Prepare
    const stack = { resource: { aws_ssm_parameter: { odd: { name: '/x', type: 'Number', value: '1' } } } };
    // Act
    const attempt = () => ssmParametersFromStack(stack);
    // Assess
    expect(attempt).toThrow(SsmParametersStackError);
    expect(attempt).toThrow('aws_ssm_parameter.odd.type must be one of String, StringList, SecureString, got "Number"');
  });
});

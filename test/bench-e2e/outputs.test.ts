import { BenchTargetError, parseStackOutputs } from '../../bench/targets';

describe('reading a deployed stack’s outputs', () => {
  it('unwraps terraform output -json and drops the trailing slash of the API URL', () => {
    // Prepare
    const text = JSON.stringify({
      api_url: { sensitive: false, type: 'string', value: 'https://abc.execute-api.eu-west-1.amazonaws.com/' },
      functions: {
        sensitive: false,
        type: ['object', {}],
        value: {
          hello: {
            name: 'lambda-reuse-lab-dev-hello',
            arn: 'arn:aws:lambda:eu-west-1:1:function:lambda-reuse-lab-dev-hello',
          },
        },
      },
    });
    // Act
    const outputs = parseStackOutputs(text, 'terraform');
    // Assess
    expect(outputs).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
      functions: {
        hello: {
          name: 'lambda-reuse-lab-dev-hello',
          arn: 'arn:aws:lambda:eu-west-1:1:function:lambda-reuse-lab-dev-hello',
        },
      },
    });
  });

  it('accepts a plain outputs file', () => {
    // Act
    const outputs = parseStackOutputs(
      '{"api_url":"http://127.0.0.1:3000","functions":{"db":{"name":"x-db"}}}',
      'file.json',
    );
    // Assess
    expect(outputs.functions.db).toEqual({ name: 'x-db' });
  });

  it.each([
    ['not json', /file.json: not JSON/],
    ['{"functions":{}}', /"api_url" is null/],
    ['{"api_url":"ftp://x","functions":{}}', /"api_url" is "ftp:\/\/x"/],
    ['{"api_url":"https://x"}', /"functions" is missing/],
    ['{"api_url":"https://x","functions":{"db":{}}}', /"functions.db" has no "name"/],
  ])('rejects %s naming the output', (text, message) => {
    expect(() => parseStackOutputs(text, 'file.json')).toThrow(BenchTargetError);
    expect(() => parseStackOutputs(text, 'file.json')).toThrow(message);
  });
});

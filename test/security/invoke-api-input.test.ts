import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import type { LocalLambdaService } from '../../local/lambda-service';
import { loadStack } from '../../local/stack/load';
import { cacheDir, fixture, serveRuntime } from '../runtime/support';

describe('the Invoke API answers bad input as Lambda does', () => {
  let rt: LocalLambdaService;
  let client: LambdaClient;
  beforeAll(async () => {
    rt = await serveRuntime([fixture('echo')]);
    client = new LambdaClient({
      endpoint: rt.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await rt.stop();
  });

  async function post(path: string, body: Buffer | string, headers: Record<string, string> = {}) {
    const res = await fetch(rt.url + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream', ...headers },
    });
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: await res.text() };
  }

  it('answers 400 to malformed percent-encoding in a function name, not 500', async () => {
    // Act
    const r = await post('/2015-03-31/functions/%E0%A4%A/invocations', '{}');

    // Assess
    expect(r.status).toBe(400);
    expect(r.type).toBe('InvalidParameterValueException');
  });

  it('answers 400 InvalidRequestContentException to a JSON payload that is not valid UTF-8', async () => {
    // Act
    const r = await post('/2015-03-31/functions/echo/invocations', Buffer.from([0x22, 0xff, 0xfe, 0x22]));

    // Assess
    expect(r.status).toBe(400);
    expect(r.type).toBe('InvalidRequestContentException');
  });

  it('answers 400 to an X-Amz-Client-Context that is not base64 of a JSON object', async () => {
    // Act
    const notBase64 = await post('/2015-03-31/functions/echo/invocations', '{}', { 'x-amz-client-context': '%%%' });
    const notJson = await post('/2015-03-31/functions/echo/invocations', '{}', {
      'x-amz-client-context': Buffer.from('not json').toString('base64'),
    });
    const good = await post('/2015-03-31/functions/echo/invocations', '{}', {
      'x-amz-client-context': Buffer.from('{"custom":{"a":1}}').toString('base64'),
    });

    // Assess
    expect([notBase64.status, notBase64.type]).toEqual([400, 'InvalidRequestContentException']);
    expect([notJson.status, notJson.type]).toEqual([400, 'InvalidRequestContentException']);
    expect(good.status).toBe(200);
  });

  it('refuses the content types a page may send cross-site without a preflight', async () => {
    // Act
    const plain = await post('/2015-03-31/functions/echo/invocations', '{}', { 'content-type': 'text/plain' });
    const form = await post('/2015-03-31/functions/echo/invocations', '{}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const control = await fetch(`${rt.url}/2015-03-31/functions/echo/configuration`, {
      method: 'PUT',
      body: '{"Timeout":5}',
      headers: { 'content-type': 'text/plain' },
    });

    // Assess
    expect([plain.status, plain.type]).toEqual([415, 'UnsupportedMediaTypeException']);
    expect(form.status).toBe(415);
    expect(control.status).toBe(415);
  });

  it('refuses a handler outside the code folder with InvalidParameterValueException, and keeps serving', async () => {
    // Act
    const update = client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Handler: '../../../../tmp/x.handler' }),
    );

    // Assess
    await expect(update).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const after = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') }));
    expect(after.StatusCode).toBe(200);
    expect(after.FunctionError).toBeUndefined();
  });
});

describe('loading a stack whose handler leaves its code folder', () => {
  it('fails with a message naming the function and the handler', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lrl-handler-'));
    writeFileSync(join(dir, 'fn.zip'), zipSync({ 'index.js': strToU8('exports.handler = async () => 1;') }));
    const stackFile = join(dir, 'cdk.tf.json');
    writeFileSync(
      stackFile,
      JSON.stringify({
        resource: {
          aws_lambda_function: {
            evil: {
              function_name: 'evil',
              filename: 'fn.zip',
              handler: '../../../../tmp/x.handler',
              runtime: 'nodejs24.x',
            },
          },
        },
      }),
    );

    // Act
    const loading = loadStack(stackFile, { cacheDir });

    // Assess
    await expect(loading).rejects.toThrow(
      `aws_lambda_function.evil: the handler "../../../../tmp/x.handler" names a file outside the function's code folder`,
    );
  });
});

import * as http from 'node:http';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type RunningSsmServer, startSsmServer } from '../../local/ssm';

/** A POST with exactly the headers given (fetch may not set Host). */
function post(port: number, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local SSM endpoint refuses what a web page can send', () => {
  let ssm: RunningSsmServer;
  let client: SSMClient;
  const put = JSON.stringify({ Name: '/app/message', Value: 'pwned', Type: 'String', Overwrite: true });

  beforeAll(async () => {
    ssm = await startSsmServer({ port: 0, parameters: [{ name: '/app/message', type: 'String', value: 'hi' }] });
    client = new SSMClient({
      endpoint: ssm.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await ssm.stop();
  });

  const message = async () => (await client.send(new GetParameterCommand({ Name: '/app/message' }))).Parameter?.Value;

  it('refuses a blind text/plain PutParameter (a "simple" cross-site request)', async () => {
    // Act
    const res = await post(
      ssm.port,
      { host: `127.0.0.1:${ssm.port}`, 'content-type': 'text/plain', 'x-amz-target': 'AmazonSSM.PutParameter' },
      put,
    );

    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe('SerializationException');
    expect(await message()).toBe('hi');
  });

  it('refuses a foreign Origin even with the right content type', async () => {
    // Act
    const res = await post(
      ssm.port,
      {
        host: `127.0.0.1:${ssm.port}`,
        origin: 'http://evil.example',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.PutParameter',
      },
      put,
    );

    // Assess
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).code).toBe('EORIGINNOTALLOWED');
    expect(await message()).toBe('hi');
  });

  it('refuses a rebinding Host before reading any parameter', async () => {
    // Act
    const res = await post(
      ssm.port,
      {
        host: `evil.example:${ssm.port}`,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.GetParameter',
      },
      JSON.stringify({ Name: '/app/message' }),
    );

    // Assess
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('hi');
    expect(JSON.parse(res.body).message).toContain('--allow-host');
  });

  it('serves a name the user allowed', async () => {
    // Prepare
    const allowed = await startSsmServer({
      port: 0,
      allowHosts: ['dev.example'],
      parameters: [{ name: '/app/message', type: 'String', value: 'hi' }],
    });

    // Act
    const res = await post(
      allowed.port,
      {
        host: 'dev.example',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.GetParameter',
      },
      JSON.stringify({ Name: '/app/message' }),
    );
    await allowed.stop();

    // Assess
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).Parameter.Value).toBe('hi');
  });
});

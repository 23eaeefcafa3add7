import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { invokeThroughLambdaClient, type RunningHttpApi, startHttpApi } from '../../local/http-api/index';
import { send } from './support';

/**
 * A test double of the local runtime's Invoke API, run as a real child process: it answers
 * POST /2015-03-31/functions/{name}/invocations with canned results per function name.
 */
const invokeApiDouble = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const name = decodeURIComponent((/functions\\/([^/]+)\\/invocations/.exec(req.url) || [])[1] || '');
    const event = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    if (name === 'ok') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      res.end(JSON.stringify({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'served ' + event.rawPath }));
    } else if (name === 'boom') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
      res.end(JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: [] }));
    } else if (name === 'busy') {
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end(JSON.stringify({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ Type: 'User', message: 'Function not found: ' + name }));
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

describe('local HTTP API through a Lambda Invoke API in another process', () => {
  let child: ChildProcessByStdio<null, Readable, null>;
  let lambda: LambdaClient;
  let api: RunningHttpApi;
  const logLines: string[] = [];
  beforeAll(async () => {
    child = spawn(require.resolve('node/bin/node'), ['-e', invokeApiDouble], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('invoke API double did not start within 20 s')), 20_000);
      child.stdout.once('data', (d: Buffer) => {
        clearTimeout(timer);
        resolve((JSON.parse(d.toString()) as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`invoke API double exited with ${String(code)}`)));
    });
    lambda = new LambdaClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    api = await startHttpApi({
      port: 0,
      routes: [
        { routeKey: 'GET /ok', functionName: 'ok' },
        { routeKey: 'GET /boom', functionName: 'boom' },
        { routeKey: 'GET /busy', functionName: 'busy' },
        { routeKey: 'GET /ghost', functionName: 'ghost' },
      ],
      invoke: invokeThroughLambdaClient(lambda),
      log: (line) => logLines.push(line),
    });
  });
  afterAll(async () => {
    await api?.stop();
    lambda?.destroy();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  });

  it('returns the function’s response through the real LambdaClient', async () => {
    // Act
    const res = await send(api.url, { path: '/ok' });
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.body.toString()).toBe('served /ok');
  });

  it.each([
    ['/boom', 'a function error', 'function-error'],
    ['/busy', 'a 429 TooManyRequestsException', 'throttled'],
    ['/ghost', 'a 404 ResourceNotFoundException', 'invoke-failed'],
  ])('answers %s (%s) with 500 Internal Server Error', async (path, _what, reason) => {
    // Prepare
    logLines.length = 0;
    // Act
    const res = await send(api.url, { path });
    // Assess
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString())).toEqual({ message: 'Internal Server Error' });
    expect(logLines).toEqual([expect.stringMatching(new RegExp(`^HTTP GET ${path} .* 500 ${reason}$`))]);
  });
});

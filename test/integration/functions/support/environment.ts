import { randomBytes, randomUUID } from 'node:crypto';
import type { ServiceInputTypes, ServiceOutputTypes, SSMClientResolvedConfig } from '@aws-sdk/client-ssm';
import type { HttpApiEvent, LambdaContext, ProxyResult } from '../../../../functions/kit/http';

/** One SSM parameter as the mock serves it, its name relative to CONFIG_PATH. */
export interface MockParameter {
  name: string;
  value: string;
  type?: 'String' | 'SecureString';
}

export const CONFIG_PATH = '/lrl-test/dev/';

/** A loaded function module in its own module registry: one execution environment. */
export interface FunctionEnvironment {
  handler: (event: HttpApiEvent, context: LambdaContext) => Promise<ProxyResult>;
  /** The mock standing in for AWS SSM, scoped to this environment's SDK. */
  ssmMock: import('aws-sdk-client-mock').AwsStub<ServiceInputTypes, ServiceOutputTypes, SSMClientResolvedConfig>;
  /** SSM API calls the mock has received. */
  ssmCalls: () => number;
}

/**
 * Loads a function entry in a fresh module registry, as Lambda's INIT would in a new environment.
 * The SSM API is a mock (AWS cannot run here), installed inside the same registry so the handler's
 * own SSMClient class is the mocked one. `parameters` as a function is asked on every
 * GetParametersByPath call, and may throw to make that call fail.
 */
export function loadFunction(
  entry: string,
  parameters: MockParameter[] | (() => MockParameter[]),
): FunctionEnvironment {
  let loaded: FunctionEnvironment | undefined;
  jest.isolateModules(() => {
    const ssm = require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm');
    const { mockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
    const ssmMock = mockClient(ssm.SSMClient);
    const byPath = ssmMock.on(ssm.GetParametersByPathCommand);
    const output = (list: MockParameter[]) => ({
      Parameters: list.map((p) => ({ Name: `${CONFIG_PATH}${p.name}`, Value: p.value, Type: p.type ?? 'String' })),
    });
    if (typeof parameters === 'function') byPath.callsFake(() => output(parameters()));
    else byPath.resolves(output(parameters));
    // Each load is a new execution environment. The kit names an environment by its process (its worker
    // threads share one id), and every load here runs in this one process; so each gets the id of its own,
    // as the local runtime gives each environment process one (LOCAL_LAMBDA_ENVIRONMENT_ID), set while the
    // module initialises.
    const previous = process.env.LOCAL_LAMBDA_ENVIRONMENT_ID;
    process.env.LOCAL_LAMBDA_ENVIRONMENT_ID = randomBytes(16).toString('hex');
    let mod: { handler: FunctionEnvironment['handler'] };
    try {
      mod = require(`../../../../${entry}`) as { handler: FunctionEnvironment['handler'] };
    } finally {
      if (previous === undefined) delete process.env.LOCAL_LAMBDA_ENVIRONMENT_ID;
      else process.env.LOCAL_LAMBDA_ENVIRONMENT_ID = previous;
    }
    loaded = { handler: mod.handler, ssmMock, ssmCalls: () => ssmMock.calls().length };
  });
  if (!loaded) throw new Error(`could not load ${entry}`);
  return loaded;
}

/** An API Gateway HTTP API payload 2.0 event. */
export function httpEvent(method: string, path: string, query: Record<string, string> = {}): HttpApiEvent {
  const rawQueryString = new URLSearchParams(query).toString();
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers: { host: 'localhost:3000', 'user-agent': 'jest' },
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
  };
}

export function lambdaContext(): LambdaContext {
  return {
    awsRequestId: randomUUID(),
    functionName: 'test',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => 10_000,
  };
}

/** Captures what the process writes to stdout (the functions' log lines) while `work` runs; `work` sees them as they come. */
export async function captureStdout<R>(
  work: (lines: readonly string[]) => Promise<R>,
): Promise<{ result: R; lines: string[] }> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l !== ''),
    );
    return true;
  });
  try {
    return { result: await work(lines), lines };
  } finally {
    spy.mockRestore();
  }
}

export function body(result: ProxyResult): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

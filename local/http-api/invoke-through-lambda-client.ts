import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Invoke } from './server';

/**
 * An {@link Invoke} that calls the Lambda Invoke API through the real SDK client, as API Gateway calls
 * Lambda. Error answers of the Invoke API (429 throttled, 404 unknown function, 413 ...) come back as
 * results with that status, so the HTTP API maps them as AWS would; a network failure rejects.
 *
 * @example
 * const lambda = new LambdaClient({ endpoint: 'http://127.0.0.1:3002', region: 'us-east-1', credentials });
 * await startHttpApi({ routes, invoke: invokeThroughLambdaClient(lambda) });
 */
export function invokeThroughLambdaClient(client: LambdaClient): Invoke {
  return async (functionName, event) => {
    try {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(event),
        }),
      );
      const result = {
        statusCode: out.StatusCode ?? 200,
        payload: Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8'),
      };
      return out.FunctionError ? { ...result, functionError: out.FunctionError } : result;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (typeof status !== 'number') throw e;
      const name = (e as Error).name;
      return {
        statusCode: status,
        payload: JSON.stringify({ Type: name, message: (e as Error).message }),
        errorType: name,
      };
    }
  };
}

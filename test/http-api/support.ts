import { request as httpRequest } from 'node:http';
import type { InvokeResult } from '../../local/http-api/index';

/**
 * A test double standing in for the local Lambda runtime's Invoke API: it records each event and answers
 * with what the test's `answer` returns. It is not a model of AWS.
 */
export function invokerDouble(
  answer: (functionName: string, event: Record<string, unknown>) => InvokeResult | Promise<InvokeResult>,
) {
  const calls: { functionName: string; event: Record<string, unknown> }[] = [];
  const invoke = async (functionName: string, eventJson: string): Promise<InvokeResult> => {
    const event = JSON.parse(eventJson) as Record<string, unknown>;
    calls.push({ functionName, event });
    return answer(functionName, event);
  };
  return { invoke, calls };
}

/** A successful invoke whose function returned `value`. */
export const returned = (value: unknown): InvokeResult => ({ statusCode: 200, payload: JSON.stringify(value) });

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request over a real socket with full control of the headers (repeats included), unlike fetch. */
export function send(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

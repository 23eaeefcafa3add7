import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidOptionError } from '../../common/errors';
import {
  AWS_JSON_CONTENT_TYPE,
  jsonObjectOf,
  type ListenerLimits,
  mediaType,
  operationIn,
  readBody,
  sendAwsJson,
  startLocalServer,
  targetOperation,
} from '../net';
import { SsmError } from './errors';
import { namesInRequest, operations } from './operations';
import { ParameterStore, parameterTypes, type SeedParameter } from './store';

/** Options for {@link startSsmServer}. */
export interface SsmServerOptions {
  /** Interface to bind; loopback only by default. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  region: string;
  /** Twelve digits; appears in every ARN. */
  accountId: string;
  /** Loaded at start, in order (a repeated name becomes its next version). */
  parameters: readonly SeedParameter[];
  /** One line per call: operation, names, status. Never values. */
  log: (line: string) => void;
  /** Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`). */
  allowHosts: readonly string[];
  /** Header, body and connection bounds; see local/net `listenerDefaults`. */
  limits: Partial<ListenerLimits>;
}

export const ssmServerDefaults: SsmServerOptions = {
  host: '127.0.0.1',
  port: 3003,
  region: 'us-east-1',
  accountId: '000000000000',
  parameters: [],
  log: () => {},
  allowHosts: [],
  limits: {},
};

/** A running local SSM endpoint. */
export interface RunningSsmServer {
  /** Base URL for the SDK's `endpoint` option or `AWS_ENDPOINT_URL_SSM`. */
  url: string;
  port: number;
  store: ParameterStore;
  stop(): Promise<void>;
}

/** AWS's own JSON 1.1 request limit is far larger than any Parameter Store call; 1 MB keeps memory bounded. */
const maxRequestBytes = 1024 * 1024;
const targetPrefix = 'AmazonSSM.';
const contentType = AWS_JSON_CONTENT_TYPE;

function validate(options: SsmServerOptions): void {
  const fail = (option: string, value: unknown, allowed: string): never => {
    throw new InvalidOptionError({ component: 'ssm server', option, value, allowed }, 'ESSMOPTIONS');
  };
  if (typeof options.host !== 'string' || options.host.length === 0)
    fail('host', options.host, 'a non-empty host name or address');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    fail('port', options.port, 'an integer in 0..65535');
  if (typeof options.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region))
    fail('region', options.region, 'an AWS region such as eu-west-1');
  if (typeof options.accountId !== 'string' || !/^\d{12}$/.test(options.accountId))
    fail('accountId', options.accountId, 'twelve digits');
  if (!Array.isArray(options.parameters))
    fail('parameters', typeof options.parameters, 'an array of {name, type, value}');
  for (const p of options.parameters) {
    if (typeof p?.name !== 'string' || typeof p.value !== 'string' || !parameterTypes.includes(p.type)) {
      // The value stays out of the message: it may be a secret.
      fail(
        'parameters[]',
        { name: p?.name, type: p?.type },
        `{name: string, type: ${parameterTypes.join('|')}, value: string}`,
      );
    }
  }
  if (typeof options.log !== 'function') fail('log', typeof options.log, 'a function (line: string) => void');
}

/** Errors go out as AWS's JSON 1.1 error shape; the SDK picks the exception class from `__type`. */
function sendError(res: ServerResponse, error: SsmError): void {
  sendAwsJson(res, error.statusCode, { __type: error.awsType, message: error.message });
}

/** Past `maxRequestBytes` the body is drained, not kept, and the call fails as AWS's JSON 1.1 endpoint would. */
async function readRequest(req: IncomingMessage): Promise<Buffer> {
  const body = await readBody(req, maxRequestBytes);
  if (body === 'tooLarge')
    throw new SsmError('SerializationException', `Request body is larger than ${maxRequestBytes} bytes`, 413);
  return body;
}

async function handle(
  store: ParameterStore,
  req: IncomingMessage,
): Promise<{ operation: string; names: string; status: number; body: unknown }> {
  const named = targetOperation(req, targetPrefix);
  // An unknown target is logged and answered as sent, prefix and all.
  const operation = named ?? String(req.headers['x-amz-target'] ?? '-');
  const run = operationIn(operations, named);
  if (req.method !== 'POST' || !run) {
    // Drained so the answer does not cut the upload off; what it held is not needed.
    await readBody(req, maxRequestBytes).catch(() => undefined);
    throw Object.assign(
      new SsmError('UnknownOperationException', `Operation ${operation} is not supported by the local SSM endpoint.`),
      { operation },
    );
  }
  // AWS's JSON 1.1 protocol: the SDK always sends this type. Refusing every other one means no
  // "simple" cross-site browser request (text/plain, a form) reaches an operation.
  if (mediaType(req.headers['content-type']) !== contentType) {
    await readBody(req, maxRequestBytes).catch(() => undefined);
    throw Object.assign(new SsmError('SerializationException', `Content-Type must be ${contentType}.`, 400), {
      operation,
    });
  }
  const raw = await readRequest(req);
  let body: Record<string, unknown>;
  try {
    const parsed = jsonObjectOf(raw);
    if (parsed === undefined) throw new TypeError('not an object');
    body = parsed;
  } catch (cause) {
    throw Object.assign(
      new SsmError('SerializationException', 'The request body is not a JSON object.', 400, { cause }),
      { operation },
    );
  }
  const names = namesInRequest(body);
  try {
    return { operation, names, status: 200, body: run(store, body) };
  } catch (e) {
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), { operation, names });
  }
}

/**
 * Starts a local SSM Parameter Store endpoint that speaks AWS's JSON 1.1 protocol as
 * `@aws-sdk/client-ssm` uses it: `POST /` with `X-Amz-Target: AmazonSSM.<Operation>`.
 * Signatures are not checked, so any dummy credentials work.
 *
 * @example
 * const ssm = await startSsmServer({ port: 0, parameters: [{ name: '/app/message', type: 'String', value: 'hi' }] });
 * const client = new SSMClient({ endpoint: ssm.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * await client.send(new GetParameterCommand({ Name: '/app/message' }));
 * await ssm.stop();
 */
export async function startSsmServer(options: Partial<SsmServerOptions> = {}): Promise<RunningSsmServer> {
  const opts: SsmServerOptions = { ...ssmServerDefaults, ...options };
  validate(opts);
  const store = new ParameterStore(opts.region, opts.accountId);
  store.seed(opts.parameters);

  const server = await startLocalServer(
    (req, res) => {
      handle(store, req).then(
        (ok) => {
          sendAwsJson(res, ok.status, ok.body);
          opts.log(`SSM ${ok.operation} ${ok.names} ${ok.status}`);
        },
        (e: unknown) => {
          const context = e as { operation?: string; names?: string };
          const error =
            e instanceof SsmError
              ? e
              : new SsmError('InternalServerError', 'An internal error occurred in the local SSM endpoint.', 500, {
                  cause: e,
                });
          sendError(res, error);
          opts.log(`SSM ${context.operation ?? '-'} ${context.names ?? '-'} ${error.statusCode} ${error.awsType}`);
        },
      );
    },
    {
      name: 'SSM endpoint',
      host: opts.host,
      port: opts.port,
      allowHosts: opts.allowHosts,
      sameOriginOnly: true,
      limits: opts.limits,
    },
  );
  return { url: server.url, port: server.port, store, stop: () => server.close() };
}

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
import { resourceNotFound, SecretsManagerError, validationError } from './errors';
import { SecretStore, type SeedSecret } from './store';

/** Options for {@link startSecretsManagerServer}. */
export interface SecretsManagerServerOptions {
  /** Interface to bind; loopback only by default. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  region: string;
  /** Twelve digits; appears in every ARN. */
  accountId: string;
  /** Loaded at start. */
  secrets: readonly SeedSecret[];
  /** One line per call: operation, secret id, status. Never values. */
  log: (line: string) => void;
  /** Host names accepted besides 127.0.0.1, localhost and [::1] (`--allow-host`). */
  allowHosts: readonly string[];
  /** Header, body and connection bounds; see local/net `listenerDefaults`. */
  limits: Partial<ListenerLimits>;
}

export const secretsManagerServerDefaults: SecretsManagerServerOptions = {
  host: '127.0.0.1',
  port: 3004,
  region: 'us-east-1',
  accountId: '000000000000',
  secrets: [],
  log: () => {},
  allowHosts: [],
  limits: {},
};

/** A running local Secrets Manager endpoint. */
export interface RunningSecretsManagerServer {
  /** Base URL for the SDK's `endpoint` option or `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly url: string;
  readonly port: number;
  readonly store: SecretStore;
  stop(): Promise<void>;
}

/** A GetSecretValue request is a few hundred bytes; 64 KB keeps memory bounded. */
const maxRequestBytes = 64 * 1024;
const targetPrefix = 'secretsmanager.';
const contentType = AWS_JSON_CONTENT_TYPE;

type Body = Record<string, unknown>;

function validate(o: SecretsManagerServerOptions): void {
  const fail = (option: string, value: unknown, allowed: string): never => {
    throw new InvalidOptionError({ component: 'secrets manager server', option, value, allowed });
  };
  if (typeof o.host !== 'string' || o.host.length === 0) fail('host', o.host, 'a non-empty host name or address');
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) fail('port', o.port, 'an integer from 0 to 65535');
  if (typeof o.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(o.region))
    fail('region', o.region, 'an AWS region such as eu-west-1');
  if (typeof o.accountId !== 'string' || !/^\d{12}$/.test(o.accountId)) fail('accountId', o.accountId, 'twelve digits');
  if (!Array.isArray(o.secrets)) fail('secrets', typeof o.secrets, 'an array of {name, secretString}');
  if (typeof o.log !== 'function') fail('log', typeof o.log, 'a function (line: string) => void');
}

/** GetSecretValue: the current version only (this endpoint keeps no history). */
function getSecretValue(store: SecretStore, body: Body): unknown {
  const id = body.SecretId;
  if (typeof id !== 'string' || id.length < 1 || id.length > 2048)
    throw validationError('secretId', 'Member must have length between 1 and 2048');
  const value = store.get(id);
  const stage = body.VersionStage;
  const version = body.VersionId;
  if ((stage !== undefined && stage !== 'AWSCURRENT') || (version !== undefined && version !== value.VersionId))
    throw resourceNotFound();
  return value;
}

const operations: Readonly<Record<string, (store: SecretStore, body: Body) => unknown>> = {
  GetSecretValue: getSecretValue,
};

/** Parses the request into an operation and its JSON body, or throws the error AWS would answer. */
async function readRequest(
  req: IncomingMessage,
): Promise<{ operation: string; run: (typeof operations)[string]; body: Body }> {
  const operation = targetOperation(req, targetPrefix) ?? '-';
  const raw = await readBody(req, maxRequestBytes);
  // Not AWS's rule but this endpoint's guard: a web page can post text/plain or a form to loopback without
  // a CORS preflight, never this content type, so no page in a browser can read a local secret.
  if (mediaType(req.headers['content-type']) !== contentType)
    throw new SecretsManagerError('UnsupportedMediaTypeException', `Only ${contentType} requests are accepted.`, 415);
  const run = operationIn(operations, operation);
  if (req.method !== 'POST' || !run)
    throw new SecretsManagerError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the local Secrets Manager endpoint.`,
    );
  if (raw === 'tooLarge')
    throw new SecretsManagerError(
      'SerializationException',
      `Request body is larger than ${maxRequestBytes} bytes`,
      413,
    );
  let body: Body | undefined;
  try {
    body = jsonObjectOf(raw);
  } catch (cause) {
    throw new SecretsManagerError('SerializationException', 'The request body is not valid JSON.', 400, { cause });
  }
  if (body === undefined)
    throw new SecretsManagerError('SerializationException', 'The request body is not a JSON object.');
  return { operation, run, body };
}

/**
 * The endpoint's request handler, apart from the server so it can be mounted behind another guard.
 * Speaks AWS's JSON 1.1 protocol as `@aws-sdk/client-secrets-manager` uses it: `POST /` with
 * `X-Amz-Target: secretsmanager.<Operation>`. Errors go out as AWS's `{__type, message}`.
 *
 * @example
 * const server = http.createServer(secretsManagerHandler(store, console.log));
 */
export function secretsManagerHandler(
  store: SecretStore,
  log: (line: string) => void = () => {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let operation = '-';
    let secretId = '-';
    readRequest(req)
      .then((request) => {
        operation = request.operation;
        if (typeof request.body.SecretId === 'string') secretId = request.body.SecretId;
        return request.run(store, request.body);
      })
      .then(
        (out) => {
          sendAwsJson(res, 200, out);
          log(`SecretsManager ${operation} ${secretId} 200`);
        },
        (e: unknown) => {
          const error =
            e instanceof SecretsManagerError
              ? e
              : new SecretsManagerError(
                  'InternalServiceError',
                  'An internal error occurred in the local Secrets Manager endpoint.',
                  500,
                  { cause: e },
                );
          sendAwsJson(res, error.statusCode, { __type: error.type, message: error.message });
          log(`SecretsManager ${operation} ${secretId} ${error.statusCode} ${error.type}`);
        },
      );
  };
}

/**
 * Starts a local Secrets Manager endpoint serving GetSecretValue for the seeded secrets, by name,
 * ARN or partial ARN. Signatures are not checked, so any dummy credentials work.
 *
 * @example
 * const sm = await startSecretsManagerServer({ port: 0, secrets: [{ name: 'rds!db-local', secretString: '{"password":"p"}' }] });
 * const client = new SecretsManagerClient({ endpoint: sm.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * await client.send(new GetSecretValueCommand({ SecretId: 'rds!db-local' }));
 * await sm.stop();
 */
export async function startSecretsManagerServer(
  options: Partial<SecretsManagerServerOptions> = {},
): Promise<RunningSecretsManagerServer> {
  const opts: SecretsManagerServerOptions = { ...secretsManagerServerDefaults, ...options };
  validate(opts);
  const store = new SecretStore(opts.region, opts.accountId);
  for (const secret of opts.secrets) store.put(secret);
  // It hands out the database password: only this machine's names, and no browser page at all.
  const server = await startLocalServer(secretsManagerHandler(store, opts.log), {
    name: 'Secrets Manager endpoint',
    host: opts.host,
    port: opts.port,
    allowHosts: opts.allowHosts,
    sameOriginOnly: true,
    limits: opts.limits,
  });
  return { url: server.url, port: server.port, store, stop: () => server.close() };
}

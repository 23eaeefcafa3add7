import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Client } from 'pg';
import type { FaultStack } from '../targets';
import { FaultSuiteError } from './errors';
import type { FaultContext, HttpAnswer } from './types';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** A bound on every request the suite makes: none of its functions runs longer than its 10 s timeout. */
const requestTimeoutMs = 20_000;

/** How the suite reaches the stack's database, read once while SSM is up. The password never leaves here. */
interface DbLogin {
  readonly user: string;
  readonly password: string;
}

/**
 * Reads the database login the way the functions do, while SSM is up (the suite counts visits after
 * SSM is stopped): `db/url` from SSM in external mode; in managed mode `db/user` from SSM and the
 * password from the secret `db/password-secret-id` names, in the local Secrets Manager. The DevStack
 * itself holds no secret.
 */
async function readDbLogin(stack: FaultStack): Promise<DbLogin> {
  const find = (suffix: string): string | undefined => stack.parameters.names.find((n) => n.endsWith(`/${suffix}`));
  const ssm = new SSMClient({ endpoint: stack.urls.ssm, region: 'us-east-1', credentials, maxAttempts: 1 });
  const value = async (name: string): Promise<string> => {
    const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    if (out.Parameter?.Value === undefined) throw new FaultSuiteError(`the local SSM has no value for ${name}`);
    return out.Parameter.Value;
  };
  try {
    const urlName = find('db/url');
    if (urlName !== undefined) {
      const url = new URL(await value(urlName));
      return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    }
    const secretName = find('db/password-secret-id');
    if (secretName === undefined)
      throw new FaultSuiteError('the stack declares neither db/url nor db/password-secret-id in SSM');
    const secrets = new SecretsManagerClient({
      endpoint: stack.urls.secretsManager,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    try {
      const secret = await secrets.send(new GetSecretValueCommand({ SecretId: await value(secretName) }));
      const parsed = JSON.parse(secret.SecretString ?? '{}') as { username?: string; password?: string };
      if (parsed.username === undefined || parsed.password === undefined)
        throw new FaultSuiteError('the local database secret has no username and password');
      return { user: parsed.username, password: parsed.password };
    } finally {
      secrets.destroy();
    }
  } finally {
    ssm.destroy();
  }
}

/** Builds what the scenarios use from a running stack; `close` releases the clients. */
export async function createFaultContext(
  stack: FaultStack,
  log: (line: string) => void,
): Promise<FaultContext & { close(): void }> {
  const login = await readDbLogin(stack);
  const lambda = new LambdaClient({ endpoint: stack.urls.lambda, region: 'us-east-1', credentials, maxAttempts: 1 });
  const names = new Map(stack.endpoints.map((e) => [e.shortName, e.functionName]));
  return {
    stack,
    lambda,
    log,
    async http(method: string, path: string): Promise<HttpAnswer> {
      const res = await fetch(`${stack.urls.httpApi}${path}`, {
        method,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
      } catch {
        // Not JSON: the caller reads `text`.
      }
      return { status: res.status, body, text };
    },
    async sql<R extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
      const client = new Client({
        host: stack.database.host,
        port: stack.database.port,
        database: stack.database.database,
        user: login.user,
        password: login.password,
        connectionTimeoutMillis: 5_000,
      });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    functionName(shortName: string): string {
      const name = names.get(shortName);
      if (!name)
        throw new FaultSuiteError(`the stack has no function ${shortName}; it has ${[...names.keys()].join(', ')}`);
      return name;
    },
    close: () => lambda.destroy(),
  };
}

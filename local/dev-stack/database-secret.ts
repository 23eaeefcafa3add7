import type { ListenerLimits } from '../net';
import type { FunctionDefinition } from '../runtime';
import { type SeedSecret, startSecretsManagerServer } from '../secrets-manager';
import type { DeclaredParameter } from '../ssm';
import type { LocalDatabase } from './database';

/** The variable through which the kit finds the RDS-managed secret (functions/kit/secrets). */
export const dbSecretVariable = 'DB_SECRET_ARN';

/** A made-up RDS-managed secret: its name has RDS's `rds!db-` shape and a fixed ARN suffix. */
const localSecret = { name: 'rds!db-local', arnSuffix: 'a1b2c3' } as const;

/**
 * The ARN the local Secrets Manager gives the local database's secret; the stack's
 * `master_user_secret[0].secret_arn` resolves to it too.
 *
 * @example
 * localDbSecretArn('us-east-1', '000000000000'); // arn:aws:secretsmanager:us-east-1:000000000000:secret:rds!db-local-a1b2c3
 */
export function localDbSecretArn(region: string, accountId: string): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${localSecret.name}-${localSecret.arnSuffix}`;
}

/**
 * The local database's password as RDS would keep it: a secret whose SecretString is
 * `{"username","password"}`. It holds the password: never print it.
 */
export function localDbSecret(db: LocalDatabase): SeedSecret {
  return { ...localSecret, secretString: JSON.stringify({ username: db.user, password: db.password }) };
}

/**
 * Gives the database functions the local secret's ARN, over whatever the stack says (locally the
 * stack's value is a Terraform reference). The functions are those whose environment has
 * DB_SECRET_ARN; a stack that declares it nowhere (synthesized before the functions got the
 * variable) marks managed mode with `db/password-secret-id` under a function's CONFIG_PATH instead.
 *
 * @example
 * const functions = withDbSecretArn(loaded.functions, declared, localDbSecretArn(region, accountId));
 */
export function withDbSecretArn(
  functions: readonly FunctionDefinition[],
  declared: readonly DeclaredParameter[],
  arn: string,
): FunctionDefinition[] {
  const declaresVariable = functions.some((f) => f.environment?.[dbSecretVariable] !== undefined);
  const names = new Set(declared.map((d) => d.name));
  const usesSecret = (fn: FunctionDefinition): boolean => {
    if (declaresVariable) return fn.environment?.[dbSecretVariable] !== undefined;
    const path = fn.environment?.CONFIG_PATH;
    return path !== undefined && names.has(`${path}db/password-secret-id`);
  };
  return functions.map((fn) =>
    usesSecret(fn) ? { ...fn, environment: { ...(fn.environment ?? {}), [dbSecretVariable]: arn } } : fn,
  );
}

/** The local Secrets Manager of a dev stack, and how the functions reach it. */
export interface LocalDbSecret {
  readonly url: string;
  readonly arn: string;
  /** The functions, the database ones given DB_SECRET_ARN and AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  withSecret(functions: readonly FunctionDefinition[], declared: readonly DeclaredParameter[]): FunctionDefinition[];
  stop(): Promise<void>;
}

/**
 * Starts the local Secrets Manager with the local database's password under {@link localDbSecretArn},
 * so the database functions take the code path they take on AWS: GetSecretValue by DB_SECRET_ARN.
 *
 * @example
 * const secrets = await startLocalDbSecret({ host: '127.0.0.1', port: 0, region, accountId, db });
 * const functions = secrets.withSecret(loaded.functions, declared);
 */
export async function startLocalDbSecret(options: {
  host: string;
  port: number;
  region: string;
  accountId: string;
  db: LocalDatabase;
  allowHosts?: readonly string[];
  limits?: Partial<ListenerLimits>;
}): Promise<LocalDbSecret> {
  const server = await startSecretsManagerServer({
    host: options.host,
    port: options.port,
    region: options.region,
    accountId: options.accountId,
    secrets: [localDbSecret(options.db)],
    allowHosts: options.allowHosts ?? [],
    limits: options.limits ?? {},
  });
  const arn = localDbSecretArn(options.region, options.accountId);
  return {
    url: server.url,
    arn,
    withSecret: (functions, declared) =>
      withDbSecretArn(functions, declared, arn).map((fn) =>
        fn.environment?.[dbSecretVariable] === arn
          ? { ...fn, environment: { ...fn.environment, AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url } }
          : fn,
      ),
    stop: () => server.stop(),
  };
}

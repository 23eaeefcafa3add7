import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { startDatabase } from '../../local/dev-stack/database';
import { localDbSecretArn, startLocalDbSecret, withDbSecretArn } from '../../local/dev-stack/database-secret';
import type { FunctionDefinition } from '../../local/runtime';
import { localSecretsManagerClient } from '../secrets-manager/client';

const fn = (name: string, environment: Record<string, string>): FunctionDefinition => ({
  name: `lambda-reuse-lab-dev-${name}`,
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  memorySize: 256,
  timeout: 10,
  codeDir: '/x',
  environment,
});
const path = '/lambda-reuse-lab/dev/';
const declared = [{ name: `${path}db/password-secret-id`, type: 'String' as const, value: 'arn' }];
const arn = localDbSecretArn('us-east-1', '000000000000');
const envOf = (fns: FunctionDefinition[]) =>
  Object.fromEntries(fns.map((f) => [f.name.split('-').pop(), f.environment]));

describe('the local database secret of the dev stack', () => {
  it('sets DB_SECRET_ARN on the functions whose stack environment names it, over the unresolved reference', () => {
    // Prepare
    const fns = [
      fn('db', { CONFIG_PATH: path, DB_SECRET_ARN: '${aws_db_instance.main.master_user_secret[0].secret_arn}' }),
      fn('config', { CONFIG_PATH: path }),
    ];
    // Act
    const out = envOf(withDbSecretArn(fns, declared, arn));
    // Assess
    expect(out.db?.DB_SECRET_ARN).toBe(arn);
    expect(out.config).toEqual({ CONFIG_PATH: path });
  });

  it('falls back to db/password-secret-id under CONFIG_PATH for a stack that declares DB_SECRET_ARN nowhere', () => {
    // Prepare
    const fns = [fn('db', { CONFIG_PATH: path }), fn('hello', { LOG_LEVEL: 'info' })];
    // Act
    const managed = envOf(withDbSecretArn(fns, declared, arn));
    const external = envOf(withDbSecretArn(fns, [], arn));
    // Assess
    expect(managed.db?.DB_SECRET_ARN).toBe(arn);
    expect(managed.hello).toEqual({ LOG_LEVEL: 'info' });
    expect(external.db).toEqual({ CONFIG_PATH: path });
  });

  it('serves the local password as an RDS-managed secret, by the ARN the functions are given', async () => {
    // Prepare
    const db = await startDatabase({
      databaseUrl: 'postgres://postgres:pw-not-for-logs@127.0.0.1:55432/lab',
      dataDir: '/unused',
      host: '127.0.0.1',
      port: 0,
      databaseName: 'lab',
    });
    const secrets = await startLocalDbSecret({
      host: '127.0.0.1',
      port: 0,
      region: 'us-east-1',
      accountId: '000000000000',
      db,
    });
    const client = localSecretsManagerClient(secrets.url);
    try {
      // Act
      const [db1] = secrets.withSecret([fn('db', { CONFIG_PATH: path })], declared);
      const out = await client.send(new GetSecretValueCommand({ SecretId: db1?.environment?.DB_SECRET_ARN }));
      // Assess
      expect(db1?.environment).toEqual({
        CONFIG_PATH: path,
        DB_SECRET_ARN: arn,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      });
      expect(out.Name).toBe('rds!db-local');
      expect(JSON.parse(out.SecretString ?? '')).toEqual({ username: 'postgres', password: 'pw-not-for-logs' });
    } finally {
      client.destroy();
      await secrets.stop();
    }
  });
});

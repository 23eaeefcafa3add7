import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type RunningSecretsManagerServer, startSecretsManagerServer } from '../../local/secrets-manager';
import { localSecretsManagerClient } from './client';

const rdsSecret = JSON.stringify({ username: 'postgres', password: 'pw-never-printed' });
const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds!db-local-a1b2c3';

describe('local Secrets Manager: GetSecretValue with the real SDK client', () => {
  let server: RunningSecretsManagerServer;
  let client: SecretsManagerClient;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startSecretsManagerServer({
      port: 0,
      secrets: [{ name: 'rds!db-local', secretString: rdsSecret, arnSuffix: 'a1b2c3' }],
      log: (l) => lines.push(l),
    });
    client = localSecretsManagerClient(server.url);
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it('serves an RDS-managed secret by its full ARN, as AWS answers: ARN, Name, SecretString, AWSCURRENT', async () => {
    // Act
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    // Assess
    expect(out).toMatchObject({ ARN: arn, Name: 'rds!db-local', VersionStages: ['AWSCURRENT'] });
    expect(JSON.parse(out.SecretString ?? '')).toEqual({ username: 'postgres', password: 'pw-never-printed' });
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(out.VersionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the same secret by its name and by its partial ARN (no six-character suffix)', async () => {
    // Act
    const byName = await client.send(new GetSecretValueCommand({ SecretId: 'rds!db-local' }));
    const byPartialArn = await client.send(
      new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds!db-local' }),
    );
    // Assess
    expect(byName.ARN).toBe(arn);
    expect(byPartialArn.ARN).toBe(arn);
  });

  it('throws ResourceNotFoundException for an unknown name, another account, or a version stage it lacks', async () => {
    // Prepare
    const ids = [
      { SecretId: 'rds!db-other' },
      { SecretId: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:rds!db-local-a1b2c3' },
      { SecretId: arn, VersionStage: 'AWSPREVIOUS' },
    ];
    // Act
    const errors = await Promise.all(
      ids.map((input) =>
        client.send(new GetSecretValueCommand(input)).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    // Assess
    for (const e of errors) {
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect((e as Error).message).toBe("Secrets Manager can't find the specified secret.");
      expect((e as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
    }
  });

  it('answers with AWS error shape {__type, message} and refuses any content type but application/x-amz-json-1.1', async () => {
    // Act
    const json11 = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body: JSON.stringify({ SecretId: 'nope' }),
    });
    const plain = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body: JSON.stringify({ SecretId: arn }),
    });
    const unknown = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.ListSecrets' },
      body: '{}',
    });
    // Assess
    expect(json11.status).toBe(400);
    expect(await json11.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
    expect(plain.status).toBe(415);
    const refused = await plain.text();
    expect(refused).not.toContain('pw-never-printed');
    expect(JSON.parse(refused)).toMatchObject({ __type: 'UnsupportedMediaTypeException' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('answers a target naming an inherited object method (hasOwnProperty) with UnknownOperationException', async () => {
    // Act
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.hasOwnProperty' },
      body: '{}',
    });
    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('logs the operation, the secret id and the status of every call, never the value', async () => {
    // Prepare
    lines.length = 0;
    // Act
    await client.send(new GetSecretValueCommand({ SecretId: arn }));
    // Assess
    expect(lines).toEqual([`SecretsManager GetSecretValue ${arn} 200`]);
    expect(JSON.stringify(server.store)).not.toContain('pw-never-printed');
  });

  it('refuses a bad option at start, naming it', async () => {
    // Act / Assess
    await expect(startSecretsManagerServer({ port: 0, accountId: '42' })).rejects.toThrow(
      'secrets manager server: option accountId is "42"; allowed: twelve digits',
    );
  });
});

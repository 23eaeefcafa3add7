import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmParameterSource } from '../../../functions/kit/config/ssm-source';
import { Redactor } from '../../../functions/kit/redact';

// AWS itself cannot run here: the SSM API is a mock at the client.
const ssmMock = mockClient(SSMClient);

afterEach(() => ssmMock.reset());

describe('SsmParameterSource', () => {
  it('loads every page under the path, recursive and decrypted, and counts the calls', async () => {
    // Prepare
    ssmMock
      .on(GetParametersByPathCommand, { NextToken: undefined })
      .resolves({ Parameters: [{ Name: '/app/dev/app/message', Value: 'hi', Type: 'String' }], NextToken: 't1' })
      .on(GetParametersByPathCommand, { NextToken: 't1' })
      .resolves({ Parameters: [{ Name: '/app/dev/db/host', Value: 'h', Type: 'String' }], NextToken: 't2' })
      .on(GetParametersByPathCommand, { NextToken: 't2' })
      .resolves({ Parameters: [{ Name: '/app/dev/db/password', Value: 'pw-secret', Type: 'SecureString' }] });
    const source = new SsmParameterSource({
      client: new SSMClient({ region: 'us-east-1' }),
      path: '/app/dev/',
      redactor: new Redactor(),
    });
    // Act
    const set = await source.load();
    // Assess
    expect(source.calls).toBe(3);
    expect(set.get('app/message')).toBe('hi');
    expect(set.get('db/host')).toBe('h');
    expect(set.get('db/password')).toBe('pw-secret');
    const first = ssmMock.commandCalls(GetParametersByPathCommand)[0]?.args[0].input;
    expect(first).toMatchObject({ Path: '/app/dev/', Recursive: true, WithDecryption: true });
  });

  it('registers every SecureString value with the redactor', async () => {
    // Prepare
    ssmMock
      .on(GetParametersByPathCommand)
      .resolves({ Parameters: [{ Name: '/p/db/url', Value: 'postgres://u:pw@h/d', Type: 'SecureString' }] });
    const redactor = new Redactor();
    const source = new SsmParameterSource({ client: new SSMClient({ region: 'us-east-1' }), path: '/p/', redactor });
    // Act
    await source.load();
    // Assess
    expect(redactor.redactText('url=postgres://u:pw@h/d')).toBe('url=[REDACTED]');
  });

  it('reads no password through /aws/reference/secretsmanager/ when db/password-secret-id is set (functions/kit/secrets does)', async () => {
    // Prepare
    ssmMock.on(GetParametersByPathCommand).resolves({
      Parameters: [{ Name: '/p/db/password-secret-id', Value: 'arn:aws:secretsmanager:x', Type: 'String' }],
    });
    const source = new SsmParameterSource({
      client: new SSMClient({ region: 'us-east-1' }),
      path: '/p/',
      redactor: new Redactor(),
    });
    // Act
    const set = await source.load();
    // Assess
    expect(set.has('db/password')).toBe(false);
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(0);
    expect(source.calls).toBe(1);
  });

  it('rejects with the SDK error when SSM fails', async () => {
    // Prepare
    ssmMock
      .on(GetParametersByPathCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const source = new SsmParameterSource({ client: new SSMClient({ region: 'us-east-1' }), path: '/p/' });
    // Act / Assess
    await expect(source.load()).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('stops at maxPages instead of following NextToken for ever', async () => {
    // Prepare
    ssmMock.on(GetParametersByPathCommand).resolves({ Parameters: [], NextToken: 'again' });
    const source = new SsmParameterSource({ client: new SSMClient({ region: 'us-east-1' }), path: '/p/', maxPages: 3 });
    // Act / Assess
    await expect(source.load()).rejects.toThrow(/more than 3 pages/);
    expect(source.calls).toBe(3);
  });

  it('rejects a path that does not start and end with "/"', () => {
    // Prepare / Act / Assess
    expect(() => new SsmParameterSource({ client: new SSMClient({ region: 'us-east-1' }), path: '/p' })).toThrow(
      /path.*"\/p"/,
    );
  });
});

import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  type SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { type RunningSsmServer, startSsmServer } from '../../local/ssm/index';
import { localSsmClient } from './client';

describe('local SSM endpoint, single-parameter operations through the real SSMClient', () => {
  let ssm: RunningSsmServer;
  let client: SSMClient;
  beforeEach(async () => {
    ssm = await startSsmServer({
      port: 0,
      region: 'eu-west-1',
      accountId: '123456789012',
      parameters: [
        { name: '/lab/dev/app/message', type: 'String', value: 'hello from ssm' },
        { name: '/lab/dev/app/feature-flags', type: 'StringList', value: 'a,b,c' },
        { name: 'plain-name', type: 'String', value: 'flat' },
      ],
    });
    client = localSsmClient(ssm.url);
  });
  afterEach(async () => {
    client.destroy();
    await ssm.stop();
  });

  it('returns a parameter with the fields AWS returns: Name, Type, Value, Version, LastModifiedDate, ARN, DataType', async () => {
    // Act
    const before = Date.now();
    const out = await client.send(new GetParameterCommand({ Name: '/lab/dev/app/message' }));
    // Assess
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.Parameter).toMatchObject({
      Name: '/lab/dev/app/message',
      Type: 'String',
      Value: 'hello from ssm',
      Version: 1,
      ARN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/lab/dev/app/message',
      DataType: 'text',
    });
    expect(out.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(out.Parameter?.LastModifiedDate?.getTime()).toBeLessThanOrEqual(before);
  });

  it('gives a non-hierarchical name an ARN with a single slash and finds it by that ARN', async () => {
    // Act
    const byName = await client.send(new GetParameterCommand({ Name: 'plain-name' }));
    const byArn = await client.send(new GetParameterCommand({ Name: byName.Parameter?.ARN }));
    // Assess
    expect(byName.Parameter?.ARN).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/plain-name');
    expect(byArn.Parameter?.Value).toBe('flat');
  });

  it('fails an unknown name with the SDK ParameterNotFound class and HTTP 400', async () => {
    // Act
    const error = await client.send(new GetParameterCommand({ Name: '/lab/dev/nope' })).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ParameterNotFound);
    expect(error).toBeInstanceOf(SSMServiceException);
    expect((error as ParameterNotFound).name).toBe('ParameterNotFound');
    expect((error as ParameterNotFound).$metadata.httpStatusCode).toBe(400);
    expect((error as ParameterNotFound).$fault).toBe('client');
  });

  it('reports names it cannot find in InvalidParameters of GetParameters', async () => {
    // Act
    const out = await client.send(
      new GetParametersCommand({ Names: ['/lab/dev/app/message', '/lab/dev/missing', 'plain-name'] }),
    );
    // Assess
    expect(out.Parameters?.map((p) => p.Name).sort()).toEqual(['/lab/dev/app/message', 'plain-name']);
    expect(out.InvalidParameters).toEqual(['/lab/dev/missing']);
  });

  it('rejects more than ten names in GetParameters with a ValidationException', async () => {
    // Prepare
    const names = Array.from({ length: 11 }, (_, i) => `/lab/n${i}`);
    // Act
    const error = await client.send(new GetParametersCommand({ Names: names })).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(SSMServiceException);
    expect((error as SSMServiceException).name).toBe('ValidationException');
  });

  it('refuses to overwrite without Overwrite, then versions each overwrite', async () => {
    // Act
    const refused = await client
      .send(new PutParameterCommand({ Name: '/lab/dev/app/message', Value: 'second', Type: 'String' }))
      .catch((e: unknown) => e);
    const second = await client.send(
      new PutParameterCommand({ Name: '/lab/dev/app/message', Value: 'second', Overwrite: true }),
    );
    const third = await client.send(
      new PutParameterCommand({ Name: '/lab/dev/app/message', Value: 'third', Overwrite: true }),
    );
    const latest = await client.send(new GetParameterCommand({ Name: '/lab/dev/app/message' }));
    const v2 = await client.send(new GetParameterCommand({ Name: '/lab/dev/app/message:2' }));
    const v9 = await client.send(new GetParameterCommand({ Name: '/lab/dev/app/message:9' })).catch((e: unknown) => e);
    // Assess
    expect(refused).toBeInstanceOf(ParameterAlreadyExists);
    expect(second).toMatchObject({ Version: 2, Tier: 'Standard' });
    expect(third.Version).toBe(3);
    expect(latest.Parameter).toMatchObject({ Value: 'third', Version: 3, Type: 'String' });
    expect(v2.Parameter).toMatchObject({ Value: 'second', Version: 2, Selector: ':2' });
    expect(v9).toBeInstanceOf(ParameterVersionNotFound);
  });

  it('creates a new parameter at version 1 and requires a Type for it', async () => {
    // Act
    const created = await client.send(
      new PutParameterCommand({ Name: '/lab/dev/new', Value: 'x', Type: 'StringList' }),
    );
    const untyped = await client
      .send(new PutParameterCommand({ Name: '/lab/dev/untyped', Value: 'x' }))
      .catch((e: unknown) => e);
    const badType = await client
      .send(new PutParameterCommand({ Name: '/lab/dev/bad', Value: 'x', Type: 'Number' as never }))
      .catch((e: unknown) => e);
    // Assess
    expect(created).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect((untyped as Error).name).toBe('ValidationException');
    expect((badType as Error).name).toBe('ValidationException');
    expect((badType as Error).message).toContain('[SecureString, StringList, String]');
  });

  it.each([
    ['a hierarchical name without a leading slash', 'lab/dev/x'],
    ['a reserved aws prefix', '/aws/thing'],
    ['a reserved ssm prefix', 'ssm-thing'],
    ['a forbidden character', '/lab/dev/x y'],
    ['an empty level', '/lab//x'],
  ])('rejects %s with a ValidationException', async (_what, name) => {
    // Act
    const error = await client
      .send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'String' }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(SSMServiceException);
    expect((error as Error).name).toBe('ValidationException');
  });

  it('rejects a name deeper than fifteen levels with HierarchyLevelLimitExceededException', async () => {
    // Prepare
    const name = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    // Act
    const error = await client
      .send(new PutParameterCommand({ Name: name, Value: 'x', Type: 'String' }))
      .catch((e: unknown) => e);
    // Assess
    expect((error as Error).name).toBe('HierarchyLevelLimitExceededException');
  });

  it('deletes a parameter, then answers ParameterNotFound for it and for a second delete', async () => {
    // Act
    await client.send(new DeleteParameterCommand({ Name: '/lab/dev/app/message' }));
    const read = await client.send(new GetParameterCommand({ Name: '/lab/dev/app/message' })).catch((e: unknown) => e);
    const again = await client
      .send(new DeleteParameterCommand({ Name: '/lab/dev/app/message' }))
      .catch((e: unknown) => e);
    // Assess
    expect(read).toBeInstanceOf(ParameterNotFound);
    expect(again).toBeInstanceOf(ParameterNotFound);
  });

  it('deletes several parameters and lists the names it did not have', async () => {
    // Act
    const out = await client.send(new DeleteParametersCommand({ Names: ['plain-name', '/lab/none'] }));
    // Assess
    expect(out.DeletedParameters).toEqual(['plain-name']);
    expect(out.InvalidParameters).toEqual(['/lab/none']);
    expect(ssm.store.has('plain-name')).toBe(false);
  });

  it('describes parameters without their values', async () => {
    // Act
    const out = await client.send(new DescribeParametersCommand({}));
    // Assess
    expect(out.Parameters?.map((p) => p.Name)).toEqual([
      '/lab/dev/app/feature-flags',
      '/lab/dev/app/message',
      'plain-name',
    ]);
    expect(out.Parameters?.[1]).toMatchObject({ Type: 'String', Version: 1, Tier: 'Standard', DataType: 'text' });
    expect(JSON.stringify(out)).not.toContain('hello from ssm');
  });

  it('answers an operation it does not speak with UnknownOperationException over the raw protocol', async () => {
    // Act
    const res = await fetch(ssm.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.SendCommand' },
      body: '{}',
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('answers a target naming an inherited object method (toString) with UnknownOperationException', async () => {
    // Act
    const res = await fetch(ssm.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.toString' },
      body: '{}',
    });
    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    // Act
    const res = await fetch(ssm.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter' },
      body: '{not json',
    });
    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('rejects a value over 4096 characters in the Standard tier and accepts it in Advanced', async () => {
    // Prepare
    const value = 'x'.repeat(4097);
    // Act
    const standard = await client
      .send(new PutParameterCommand({ Name: '/lab/big', Value: value, Type: 'String' }))
      .catch((e: unknown) => e);
    const advanced = await client.send(
      new PutParameterCommand({ Name: '/lab/big', Value: value, Type: 'String', Tier: 'Advanced' }),
    );
    // Assess
    expect((standard as Error).name).toBe('ValidationException');
    expect((standard as Error).message).not.toContain(value);
    expect(advanced).toMatchObject({ Version: 1, Tier: 'Advanced' });
  });
});

describe('startSsmServer options', () => {
  it('refuses a bad option, naming the option and the value but never a parameter value', async () => {
    // Act
    const badRegion = startSsmServer({ port: 0, region: 'moon' });
    const badSeed = startSsmServer({
      port: 0,
      parameters: [{ name: '/x', type: 'Secret' as never, value: 'top-secret-seed' }],
    });
    // Assess
    await expect(badRegion).rejects.toMatchObject({
      code: 'ESSMOPTIONS',
      message: expect.stringContaining('option region is "moon"; allowed: an AWS region such as eu-west-1'),
    });
    const error = (await badSeed.catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('parameters[]');
    expect(error.message).toContain('"Secret"');
    expect(error.message).not.toContain('top-secret-seed');
  });
});

import { GetParametersByPathCommand, type Parameter, type SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { type RunningSsmServer, startSsmServer } from '../../local/ssm/index';
import { localSsmClient } from './client';

describe('local SSM endpoint, GetParametersByPath', () => {
  let ssm: RunningSsmServer;
  let client: SSMClient;
  beforeAll(async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      name: `/lab/dev/many/p${String(i).padStart(2, '0')}`,
      type: 'String' as const,
      value: `v${i}`,
    }));
    ssm = await startSsmServer({
      port: 0,
      parameters: [
        ...many,
        { name: '/lab/dev/app/message', type: 'String', value: 'm' },
        { name: '/lab/dev/app/nested/deep', type: 'String', value: 'd' },
        { name: '/lab/dev/application', type: 'String', value: 'not under /lab/dev/app' },
        { name: '/lab/prod/app/message', type: 'String', value: 'other stage' },
        { name: 'flat', type: 'String', value: 'f' },
      ],
    });
    client = localSsmClient(ssm.url);
  });
  afterAll(async () => {
    client.destroy();
    await ssm.stop();
  });

  const names = (ps: Parameter[] | undefined): string[] => (ps ?? []).map((p) => p.Name ?? '').sort();

  it('returns only direct children without Recursive, and every descendant with it', async () => {
    // Act
    const direct = await client.send(new GetParametersByPathCommand({ Path: '/lab/dev/app' }));
    const recursive = await client.send(new GetParametersByPathCommand({ Path: '/lab/dev/app/', Recursive: true }));
    // Assess
    expect(names(direct.Parameters)).toEqual(['/lab/dev/app/message']);
    expect(names(recursive.Parameters)).toEqual(['/lab/dev/app/message', '/lab/dev/app/nested/deep']);
    expect(direct.NextToken).toBeUndefined();
  });

  it('pages through more than ten parameters with NextToken, ten at most per page', async () => {
    // Prepare
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let token: string | undefined;
    // Act
    for (let i = 0; i < 10; i++) {
      const out = await client.send(new GetParametersByPathCommand({ Path: '/lab/dev/many', NextToken: token }));
      pageSizes.push(out.Parameters?.length ?? 0);
      seen.push(...names(out.Parameters));
      token = out.NextToken;
      if (!token) break;
    }
    // Assess
    expect(pageSizes).toEqual([10, 10, 3]);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
  });

  it('honours a smaller MaxResults', async () => {
    // Act
    const out = await client.send(new GetParametersByPathCommand({ Path: '/lab/dev/many', MaxResults: 4 }));
    // Assess
    expect(out.Parameters).toHaveLength(4);
    expect(out.NextToken).toEqual(expect.any(String));
  });

  it.each([0, 11])('rejects MaxResults %i with AWS’s validation message', async (max) => {
    // Act
    const error = await client
      .send(new GetParametersByPathCommand({ Path: '/lab', MaxResults: max }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(SSMServiceException);
    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toContain(`Value '${max}' at 'maxResults' failed to satisfy constraint`);
  });

  it('rejects a NextToken it did not issue with InvalidNextToken', async () => {
    // Act
    const error = await client
      .send(new GetParametersByPathCommand({ Path: '/lab', NextToken: 'bogus' }))
      .catch((e: unknown) => e);
    // Assess
    expect((error as Error).name).toBe('InvalidNextToken');
  });

  it.each([['lab/dev'], ['/lab dev'], ['/lab//dev']])(
    'rejects the path %s with a ValidationException',
    async (path) => {
      // Act
      const error = await client.send(new GetParametersByPathCommand({ Path: path })).catch((e: unknown) => e);
      // Assess
      expect((error as Error).name).toBe('ValidationException');
      expect((error as Error).message).toContain('must begin with a forward slash');
    },
  );

  it('rejects ParameterFilters clearly instead of ignoring them', async () => {
    // Act
    const error = await client
      .send(new GetParametersByPathCommand({ Path: '/lab', ParameterFilters: [{ Key: 'Type', Values: ['String'] }] }))
      .catch((e: unknown) => e);
    // Assess
    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toContain('ParameterFilters are not supported');
  });

  it('lists top-level hierarchical names under the root path but never flat names', async () => {
    // Act
    const out = await client.send(new GetParametersByPathCommand({ Path: '/', Recursive: true, MaxResults: 10 }));
    const all: string[] = names(out.Parameters);
    let token = out.NextToken;
    for (let i = 0; token && i < 10; i++) {
      const next = await client.send(new GetParametersByPathCommand({ Path: '/', Recursive: true, NextToken: token }));
      all.push(...names(next.Parameters));
      token = next.NextToken;
    }
    // Assess
    expect(all).toHaveLength(27);
    expect(all).not.toContain('flat');
  });

  it('reads under /aws/ without error (public parameters live there) and finds nothing locally', async () => {
    // Act
    const out = await client.send(new GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest' }));
    // Assess
    expect(out.Parameters).toEqual([]);
  });
});

import { RouteKeyError, type RunningHttpApi, startHttpApi } from '../../local/http-api/index';
import { invokerDouble, returned, send } from './support';

describe('local HTTP API route matching', () => {
  let api: RunningHttpApi;
  const double = invokerDouble((functionName, event) =>
    returned({ functionName, routeKey: event.routeKey, pathParameters: event.pathParameters ?? null }),
  );
  const routes = [
    { routeKey: 'GET /pets/dog/1', functionName: 'exact' },
    { routeKey: 'GET /pets/dog/{id}', functionName: 'dog-by-id' },
    { routeKey: 'GET /pets/{proxy+}', functionName: 'pets-greedy' },
    { routeKey: 'ANY /{proxy+}', functionName: 'root-greedy' },
    { routeKey: 'GET /items/{id}', functionName: 'item-get' },
    { routeKey: 'ANY /items/{id}', functionName: 'item-any' },
    { routeKey: 'GET /items/{id}/parts/{part}', functionName: 'item-part' },
    { routeKey: 'GET /hello', functionName: 'hello' },
    { routeKey: '$default', functionName: 'fallback' },
  ];
  beforeAll(async () => {
    api = await startHttpApi({ port: 0, routes, invoke: double.invoke });
  });
  afterAll(() => api.stop());

  const routeFor = async (method: string, path: string) =>
    JSON.parse((await send(api.url, { method, path })).body.toString()) as {
      functionName: string;
      routeKey: string;
      pathParameters: Record<string, string> | null;
    };

  it.each([
    ['GET', '/pets/dog/1', 'exact', null],
    ['GET', '/pets/dog/2', 'dog-by-id', { id: '2' }],
    ['GET', '/pets/cat/1', 'pets-greedy', { proxy: 'cat/1' }],
    ['POST', '/pets/cat/1', 'root-greedy', { proxy: 'pets/cat/1' }],
    ['GET', '/items/7', 'item-get', { id: '7' }],
    ['DELETE', '/items/7', 'item-any', { id: '7' }],
    ['GET', '/items/7/parts/wheel', 'item-part', { id: '7', part: 'wheel' }],
    ['GET', '/hello', 'hello', null],
    ['GET', '/hello?x=1', 'hello', null],
  ])('routes %s %s to %s', async (method, path, expected, params) => {
    // Act
    const chosen = await routeFor(method, path);
    // Assess
    expect(chosen.functionName).toBe(expected);
    expect(chosen.pathParameters).toEqual(params);
  });

  it('puts the matched route key, not the path, in the event', async () => {
    // Act
    const chosen = await routeFor('GET', '/pets/dog/2');
    // Assess
    expect(chosen.routeKey).toBe('GET /pets/dog/{id}');
  });

  it('passes URL-decoded path parameters, as API Gateway decodes request parameters', async () => {
    // Act
    const chosen = await routeFor('GET', '/items/a%20b%2Fc');
    // Assess
    expect(chosen).toMatchObject({ functionName: 'item-get', pathParameters: { id: 'a b/c' } });
  });

  it('sends a request no route matches to $default with routeKey $default', async () => {
    // Act
    const chosen = await routeFor('GET', '/');
    // Assess
    expect(chosen).toEqual({ functionName: 'fallback', routeKey: '$default', pathParameters: null });
  });

  it('answers 404 {"message":"Not Found"} when no route matches and there is no $default', async () => {
    // Prepare
    const bare = await startHttpApi({
      port: 0,
      routes: [{ routeKey: 'GET /hello', functionName: 'hello' }],
      invoke: double.invoke,
    });
    try {
      // Act
      const wrongMethod = await send(bare.url, { method: 'POST', path: '/hello' });
      const unknownPath = await send(bare.url, { path: '/nowhere' });
      // Assess
      for (const res of [wrongMethod, unknownPath]) {
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toBe('application/json');
        expect(JSON.parse(res.body.toString())).toEqual({ message: 'Not Found' });
        expect(res.headers['apigw-requestid']).toEqual(expect.any(String));
      }
    } finally {
      await bare.stop();
    }
  });

  it('does not let a greedy variable match its own parent path', async () => {
    // Prepare
    const bare = await startHttpApi({
      port: 0,
      routes: [{ routeKey: 'GET /files/{proxy+}', functionName: 'files' }],
      invoke: double.invoke,
    });
    try {
      // Act
      const parent = await send(bare.url, { path: '/files' });
      const child = await send(bare.url, { path: '/files/a/b.txt' });
      // Assess
      expect(parent.status).toBe(404);
      expect(JSON.parse(child.body.toString())).toMatchObject({
        functionName: 'files',
        pathParameters: { proxy: 'a/b.txt' },
      });
    } finally {
      await bare.stop();
    }
  });

  it.each([['GET hello'], ['FETCH /x'], ['GET /{proxy+}/more'], ['GET /a//b']])(
    'refuses the route key %s at start',
    async (routeKey) => {
      // Act
      const attempt = startHttpApi({ port: 0, routes: [{ routeKey, functionName: 'f' }], invoke: double.invoke });
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(RouteKeyError);
      await expect(attempt).rejects.toMatchObject({ code: 'EROUTEKEY' });
    },
  );

  it('refuses an option outside its allowed values, naming option and value', async () => {
    // Act
    const attempt = startHttpApi({ port: 70_000, routes: [], invoke: double.invoke });
    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'EHTTPAPIOPTIONS',
      message: expect.stringContaining('option port is 70000; allowed: an integer in 0..65535'),
    });
  });
});

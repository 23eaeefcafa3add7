import { body, httpEvent, lambdaContext, loadFunction } from './support/environment';

describe('hello-lmi function', () => {
  it('answers concurrent requests from one module scope with one instanceId and the requests in flight', async () => {
    // Prepare
    const env = loadFunction('functions/hello/lmi', []);
    const event = httpEvent('GET', '/hello/lmi', { holdMs: '100' });
    // Act
    const answers = (await Promise.all(Array.from({ length: 10 }, () => env.handler(event, lambdaContext())))).map(
      body,
    );
    const later = body(await env.handler(httpEvent('GET', '/hello/lmi', { holdMs: '0' }), lambdaContext()));
    // Assess
    expect(new Set(answers.map((a) => a.instanceId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.workerId)).size).toBe(1);
    expect(answers.map((a) => a.served).sort((x, y) => Number(x) - Number(y))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // All ten were held together: the first to answer saw all ten in flight.
    expect(Math.max(...answers.map((a) => Number(a.inFlight)))).toBe(10);
    expect(answers.every((a) => a.peakInFlight === 10 && a.holdMs === 100)).toBe(true);
    expect(later).toMatchObject({ served: 11, inFlight: 1, peakInFlight: 10, coldStart: false, holdMs: 0 });
  });

  it('holds 50 ms when holdMs is absent', async () => {
    // Prepare
    const env = loadFunction('functions/hello/lmi', []);
    // Act
    const answer = body(await env.handler(httpEvent('GET', '/hello/lmi'), lambdaContext()));
    // Assess
    expect(answer).toMatchObject({ holdMs: 50, inFlight: 1, served: 1, coldStart: true });
  });

  it.each(['-1', '2001', '1.5', 'abc', '1e3', '99999'])(
    'answers 400 EBADHOLDMS naming the bounds for holdMs=%s',
    async (raw) => {
      // Prepare
      const env = loadFunction('functions/hello/lmi', []);
      // Act
      const result = await env.handler(httpEvent('GET', '/hello/lmi', { holdMs: raw }), lambdaContext());
      // Assess
      expect(result.statusCode).toBe(400);
      expect(body(result)).toMatchObject({
        code: 'EBADHOLDMS',
        message: `holdMs must be an integer from 0 to 2000 (ms); got ${JSON.stringify(raw)}`,
      });
    },
  );

  it('counts a rejected request as served but never in flight', async () => {
    // Prepare
    const env = loadFunction('functions/hello/lmi', []);
    await env.handler(httpEvent('GET', '/hello/lmi', { holdMs: 'x' }), lambdaContext());
    // Act
    const answer = body(await env.handler(httpEvent('GET', '/hello/lmi', { holdMs: '0' }), lambdaContext()));
    // Assess
    expect(answer).toMatchObject({ served: 2, inFlight: 1, peakInFlight: 1 });
  });
});

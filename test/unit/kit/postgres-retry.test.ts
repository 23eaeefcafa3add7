import { isConnectionError, withConnectionRetry } from '../../../functions/kit/postgres/retry';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08003', '08P01'])(
    'treats %s as a connection error',
    (code) => {
      // Prepare / Act / Assess
      expect(isConnectionError(withCode(code))).toBe(true);
    },
  );

  it('treats "Connection terminated unexpectedly" as a connection error', () => {
    // Prepare / Act / Assess
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it.each(['23505', '42P01', '22P02', '57014'])('does not treat statement error %s as a connection error', (code) => {
    // Prepare / Act / Assess
    expect(isConnectionError(withCode(code))).toBe(false);
  });
});

describe('withConnectionRetry', () => {
  it('retries an idempotent statement exactly once after a connection error', async () => {
    // Prepare
    let attempts = 0;
    const retried: unknown[] = [];
    // Act
    const result = await withConnectionRetry(
      true,
      async () => {
        attempts += 1;
        if (attempts === 1) throw withCode('57P01');
        return 'ok';
      },
      (e) => retried.push(e),
    );
    // Assess
    expect(result).toBe('ok');
    expect(attempts).toBe(2);
    expect(retried).toHaveLength(1);
  });

  it('gives up after the second connection error', async () => {
    // Prepare
    let attempts = 0;
    // Act
    const run = withConnectionRetry(true, async () => {
      attempts += 1;
      throw withCode('ECONNRESET');
    });
    // Assess
    await expect(run).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(attempts).toBe(2);
  });

  it('never retries a statement that is not idempotent', async () => {
    // Prepare
    let attempts = 0;
    // Act
    const run = withConnectionRetry(false, async () => {
      attempts += 1;
      throw withCode('ECONNRESET');
    });
    // Assess
    await expect(run).rejects.toThrow();
    expect(attempts).toBe(1);
  });

  it('never retries a statement error', async () => {
    // Prepare
    let attempts = 0;
    // Act
    const run = withConnectionRetry(true, async () => {
      attempts += 1;
      throw withCode('23505');
    });
    // Assess
    await expect(run).rejects.toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
  });
});

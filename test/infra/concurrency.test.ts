import { functionCatalog } from '../../functions/catalog';
import { ConnectionBudgetError } from '../../infra/index';
import { buildStandInBundles, resources, synthStack, terraformKey } from './support';

const reservationsOf = (parsed: ReturnType<typeof synthStack>['parsed']) =>
  Object.fromEntries(
    Object.entries(resources(parsed, 'aws_lambda_function'))
      .filter(([, f]) => 'reserved_concurrent_executions' in f)
      .map(([k, f]) => [k, f.reserved_concurrent_executions]),
  );

const warningsOf = (stack: ReturnType<typeof synthStack>['stack']) =>
  stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));

describe('reserved concurrency against the account quota', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it('reserves the catalog figures by default (quota 1000) and warns about nothing', () => {
    // Prepare
    const env = {};
    // Act
    const { parsed, stack } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(reservationsOf(parsed)).toEqual({ db: 20, db_naive: 20, breaker: 10 });
    expect(stack.budget.demand).toBe(50);
    expect(warningsOf(stack)).toEqual([]);
  });

  it('reserves nothing on a quota of 10, says so, and budgets each database function at the whole quota', () => {
    // Prepare
    const env = { ACCOUNT_CONCURRENCY: '10' };
    // Act
    const { parsed, stack } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(reservationsOf(parsed)).toEqual({});
    expect(stack.budget.shares.map((s) => [s.name, s.maxConcurrency, s.reservedConcurrency])).toEqual([
      ['db', 10, undefined],
      ['db-naive', 10, undefined],
      ['breaker', 10, undefined],
    ]);
    expect(stack.budget.demand).toBe(30);
    expect(stack.budget.demand + stack.budget.headroom).toBeLessThanOrEqual(stack.budget.maxConnections);
    expect(warningsOf(stack)).toEqual([expect.stringContaining('50 + 100 unreserved = 150 > ACCOUNT_CONCURRENCY 10')]);
  });

  it('keeps the reservations at exactly Σ reserved + 100 = 150', () => {
    // Prepare
    const env = { ACCOUNT_CONCURRENCY: '150' };
    // Act
    const { parsed } = synthStack(env, bundles.bundlesDir);
    // Assess
    expect(reservationsOf(parsed)).toEqual({ db: 20, db_naive: 20, breaker: 10 });
  });

  it('fails synth at 149, where reservations do not fit and unreserved functions could exhaust the database', () => {
    // Prepare
    const env = { ACCOUNT_CONCURRENCY: '149' };
    // Act
    const attempt = () => synthStack(env, bundles.bundlesDir);
    // Assess
    expect(attempt).toThrow(ConnectionBudgetError);
    expect(attempt).toThrow(
      /db 149×1 \+ db-naive 149×1 \+ breaker 149×1 = 447, plus headroom 10 = 457 > max_connections 81.*at least 150/,
    );
  });

  it('needs no reservedConcurrency in the catalog when reservations are dropped, since the quota bounds it', () => {
    // Prepare
    const functions = functionCatalog.map((f) => (f.name === 'breaker' ? { ...f, reservedConcurrency: undefined } : f));
    // Act
    const { parsed, stack } = synthStack({ ACCOUNT_CONCURRENCY: '10' }, bundles.bundlesDir, functions);
    // Assess
    expect(stack.budget.shares.find((s) => s.name === 'breaker')?.maxConcurrency).toBe(10);
    expect(resources(parsed, 'aws_lambda_function')[terraformKey('breaker')]).not.toHaveProperty(
      'reserved_concurrent_executions',
    );
  });
});

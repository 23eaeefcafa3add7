import { type FunctionSpec, functionCatalog } from '../../functions/catalog';
import { ConnectionBudgetError, checkConnectionBudget } from '../../infra/index';
import { buildStandInBundles, synthStack } from './support';

describe('connection budget', () => {
  let bundles: Awaited<ReturnType<typeof buildStandInBundles>>;
  beforeAll(async () => {
    bundles = await buildStandInBundles();
  });
  afterAll(() => bundles.cleanup());

  it('fits the catalog into a db.t4g.micro: 20×1 + 20×1 + 10×1 = 50, plus 10 headroom <= 81', () => {
    // Prepare
    const limits = { maxConnections: 81, headroom: 10 };
    // Act
    const budget = checkConnectionBudget(functionCatalog, limits);
    // Assess
    expect(budget.demand).toBe(50);
    expect(budget.shares.map((s) => s.name)).toEqual(['db', 'db-naive', 'breaker']);
  });

  it('fails synth with ConnectionBudgetError naming every number when max_connections is too small', () => {
    // Prepare
    const env = { DB_MODE: 'external', DB_MAX_CONNECTIONS: '55' };
    // Act
    const attempt = () => synthStack(env, bundles.bundlesDir);
    // Assess
    expect(attempt).toThrow(ConnectionBudgetError);
    expect(attempt).toThrow(
      'Σ(reserved concurrency × pool max) = db 20×1 + db-naive 20×1 + breaker 10×1 = 50, plus headroom 10 = 60 > max_connections 55',
    );
  });

  it('fails synth when a bigger pool would exhaust the managed db.t4g.micro', () => {
    // Prepare
    const functions: FunctionSpec[] = functionCatalog.map((f) => (f.name === 'db' ? { ...f, poolMax: 3 } : f));
    // Act
    const attempt = () => synthStack({}, bundles.bundlesDir, functions);
    // Assess
    expect(attempt).toThrow(
      /db 20×3 \+ db-naive 20×1 \+ breaker 10×1 = 90, plus headroom 10 = 100 > max_connections 81/,
    );
  });

  it('refuses a database function without reserved concurrency, since its connections would be unbounded', () => {
    // Prepare
    const functions: FunctionSpec[] = functionCatalog.map((f) =>
      f.name === 'breaker' ? { ...f, reservedConcurrency: undefined } : f,
    );
    // Act
    const attempt = () => checkConnectionBudget(functions, { maxConnections: 1000, headroom: 0 });
    // Assess
    expect(attempt).toThrow(ConnectionBudgetError);
    expect(attempt).toThrow(/"breaker" needs reservedConcurrency and poolMax/);
  });

  it('accepts exactly max_connections', () => {
    // Prepare
    const limits = { maxConnections: 60, headroom: 10 };
    // Act
    const budget = checkConnectionBudget(functionCatalog, limits);
    // Assess
    expect(budget.demand + budget.headroom).toBe(budget.maxConnections);
  });
});

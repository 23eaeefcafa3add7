import type { FunctionSpec } from '../functions/catalog';
import { ConnectionBudgetError } from './errors';

/**
 * Default max_connections of RDS for PostgreSQL per instance class: LEAST(DBInstanceClassMemory/9531392, 5000).
 * DBInstanceClassMemory is the class memory minus what the OS and RDS processes keep, so it is below the nominal
 * size: 1 GiB / 9531392 would be 112, but a db.t4g.micro reports about 81. We budget against the lower figure.
 * A class not listed needs an explicit `dbMaxConnections` (DB_MAX_CONNECTIONS).
 */
export const rdsPostgresMaxConnections: Readonly<Record<string, number>> = {
  'db.t4g.micro': 81,
};

/** One database function's share of the budget. */
export interface ConnectionShare {
  readonly name: string;
  readonly reservedConcurrency: number;
  readonly poolMax: number;
  readonly connections: number;
}

/** The verdict: how many connections the functions can hold at most, and whether that fits. */
export interface ConnectionBudget {
  readonly shares: readonly ConnectionShare[];
  /** Σ(reserved concurrency × pool max) over the database functions. */
  readonly demand: number;
  /** Connections kept free for people, migrations and RDS's own monitoring. */
  readonly headroom: number;
  readonly maxConnections: number;
}

/**
 * Checks that every database function, at its reserved concurrency, each environment holding a full pool,
 * still leaves `headroom` connections free. Reserved concurrency is what makes this bound real: without it
 * Lambda could scale a function past any number written here.
 *
 * @throws ConnectionBudgetError naming every number when the functions could exhaust the database.
 * @example
 * checkConnectionBudget(functionCatalog, { maxConnections: 81, headroom: 10 }); // demand 50 + 10 <= 81
 */
export function checkConnectionBudget(
  functions: readonly FunctionSpec[],
  limits: { maxConnections: number; headroom: number },
): ConnectionBudget {
  const shares: ConnectionShare[] = [];
  for (const fn of functions.filter((f) => f.usesDb)) {
    if (fn.reservedConcurrency === undefined || fn.poolMax === undefined) {
      throw new ConnectionBudgetError(
        `connection budget: database function "${fn.name}" needs reservedConcurrency and poolMax in functions/catalog.ts ` +
          `(got reservedConcurrency=${String(fn.reservedConcurrency)}, poolMax=${String(fn.poolMax)}); ` +
          `without them its connections have no upper bound`,
        { demand: Number.POSITIVE_INFINITY, headroom: limits.headroom, maxConnections: limits.maxConnections },
      );
    }
    shares.push({
      name: fn.name,
      reservedConcurrency: fn.reservedConcurrency,
      poolMax: fn.poolMax,
      connections: fn.reservedConcurrency * fn.poolMax,
    });
  }
  const demand = shares.reduce((sum, s) => sum + s.connections, 0);
  const budget = { shares, demand, headroom: limits.headroom, maxConnections: limits.maxConnections };
  if (demand + limits.headroom > limits.maxConnections) {
    const terms = shares.map((s) => `${s.name} ${s.reservedConcurrency}×${s.poolMax}`).join(' + ');
    throw new ConnectionBudgetError(
      `connection budget exceeded: Σ(reserved concurrency × pool max) = ${terms} = ${demand}, ` +
        `plus headroom ${limits.headroom} = ${demand + limits.headroom} > max_connections ${limits.maxConnections}. ` +
        `Lower reservedConcurrency or poolMax in functions/catalog.ts, use a larger instance class, or raise DB_MAX_CONNECTIONS.`,
      budget,
    );
  }
  return budget;
}

import type { FunctionSpec } from '../functions/catalog';
import {
  type ConcurrencyPlan,
  maxConcurrencyOf,
  planConcurrency,
  reservationOf,
  UNRESERVED_FLOOR,
} from './concurrency';
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
  /** The reservation the function gets; undefined when the plan drops reservations. */
  readonly reservedConcurrency: number | undefined;
  /** The most environments it can have: its reservation, or the account quota without one. */
  readonly maxConcurrency: number;
  readonly poolMax: number;
  readonly connections: number;
}

/** The verdict: how many connections the functions can hold at most, and whether that fits. */
export interface ConnectionBudget {
  readonly shares: readonly ConnectionShare[];
  /** Σ(max concurrency × pool max) over the database functions. */
  readonly demand: number;
  /** Connections kept free for people, migrations and RDS's own monitoring. */
  readonly headroom: number;
  readonly maxConnections: number;
  /** The concurrency plan the budget was computed under. */
  readonly concurrency: ConcurrencyPlan;
}

/** What the budget is checked against. */
export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly headroom: number;
  /** Whether reservations apply; by default they do, as the catalog states them. */
  readonly concurrency?: ConcurrencyPlan;
}

/**
 * Checks that every database function, at the most environments it can have, each holding a full pool,
 * still leaves `headroom` connections free.
 *
 * With reservations, a function has at most its reserved concurrency. Without them (the plan dropped them
 * because the account's quota is too small), each function can reach the whole quota, so its share is
 * quota × pool max. The shares are summed, not capped at quota × the largest pool: the quota bounds requests
 * in flight, but an idle environment keeps its pool's connections without counting against concurrency,
 * so after a burst on each function in turn all of their environments can be alive at once. Pool sizes are not
 * lowered to fit: the catalog's pools are already 1, so a budget that does not hold fails synth instead.
 *
 * @throws ConnectionBudgetError naming every number when the functions could exhaust the database.
 * @example
 * checkConnectionBudget(functionCatalog, { maxConnections: 81, headroom: 10 }); // demand 50 + 10 <= 81
 * checkConnectionBudget(functionCatalog, {
 *   maxConnections: 81, headroom: 10, concurrency: planConcurrency(functionCatalog, 10),
 * }); // no reservations: 10×1 + 10×1 + 10×1 = 30, plus 10 <= 81
 */
export function checkConnectionBudget(functions: readonly FunctionSpec[], limits: ConnectionLimits): ConnectionBudget {
  const concurrency = limits.concurrency ?? planConcurrency(functions, Number.POSITIVE_INFINITY);
  const numbers = { headroom: limits.headroom, maxConnections: limits.maxConnections };
  const shares: ConnectionShare[] = [];
  for (const fn of functions.filter((f) => f.usesDb)) {
    const maxConcurrency = maxConcurrencyOf(fn, concurrency);
    if (maxConcurrency === undefined || fn.poolMax === undefined) {
      throw new ConnectionBudgetError(
        `connection budget: database function "${fn.name}" needs reservedConcurrency and poolMax in functions/catalog.ts ` +
          `(got reservedConcurrency=${String(fn.reservedConcurrency)}, poolMax=${String(fn.poolMax)}); ` +
          `without them its connections have no upper bound`,
        { demand: Number.POSITIVE_INFINITY, ...numbers },
      );
    }
    shares.push({
      name: fn.name,
      reservedConcurrency: reservationOf(fn, concurrency),
      maxConcurrency,
      poolMax: fn.poolMax,
      connections: maxConcurrency * fn.poolMax,
    });
  }
  const demand = shares.reduce((sum, s) => sum + s.connections, 0);
  const budget = { shares, demand, ...numbers, concurrency };
  if (demand + limits.headroom > limits.maxConnections) {
    const terms = shares.map((s) => `${s.name} ${s.maxConcurrency}×${s.poolMax}`).join(' + ');
    const total = `${terms} = ${demand}, plus headroom ${limits.headroom} = ${demand + limits.headroom} > max_connections ${limits.maxConnections}`;
    if (concurrency.reserve) {
      throw new ConnectionBudgetError(
        `connection budget exceeded: Σ(reserved concurrency × pool max) = ${total}. ` +
          `Lower reservedConcurrency or poolMax in functions/catalog.ts, use a larger instance class, or raise DB_MAX_CONNECTIONS.`,
        budget,
      );
    }
    throw new ConnectionBudgetError(
      `connection budget exceeded without reservations (${concurrency.droppedBecause}): ` +
        `Σ(ACCOUNT_CONCURRENCY × pool max) = ${total}. ` +
        `Ask AWS to raise the account's Lambda concurrency quota to at least ${concurrency.requestedReservations + UNRESERVED_FLOOR} ` +
        `(then the reservations apply), or use a larger instance class and raise DB_MAX_CONNECTIONS.`,
      budget,
    );
  }
  return budget;
}

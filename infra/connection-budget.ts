import type { FunctionSpec } from '../functions/catalog';
import { poolMaxFor } from '../functions/kit/postgres';
import {
  type ConcurrencyPlan,
  maxConcurrencyOf,
  planConcurrency,
  reservationOf,
  UNRESERVED_FLOOR,
} from './concurrency';
import { ConnectionBudgetError } from './errors';
import { checkLmiCapacity, type LmiConfig, lmiFunctionPlan, managedInstancesDefaults } from './managed-instances';

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

/** One database function's share under Lambda Managed Instances. */
export interface LmiConnectionShare extends ConnectionShare {
  /** Always undefined: the capacity provider, not a reservation, bounds the environments. */
  readonly reservedConcurrency: undefined;
  /** The most concurrent invocations: maxEnvironments × per-environment max concurrency. */
  readonly maxConcurrency: number;
  readonly minEnvironments: number;
  /** The most environments, if every other function stays at its minimum. */
  readonly maxEnvironments: number;
  readonly vcpus: number;
  readonly workers: number;
  /** PerExecutionEnvironmentMaxConcurrency. */
  readonly perEnvironmentMaxConcurrency: number;
  /** Connections one environment can hold: workers × pool max. */
  readonly perEnvironment: number;
  /** maxEnvironments × perEnvironment: this function's own bound (the shares are not summed; see demand). */
  readonly connections: number;
}

/** The Managed Instances verdict. */
export interface LmiConnectionBudget {
  readonly mode: 'managed-instances';
  readonly shares: readonly LmiConnectionShare[];
  /** The most connections the database functions can hold together on the capacity provider. */
  readonly demand: number;
  readonly headroom: number;
  readonly maxConnections: number;
  readonly maxVcpus: number;
  /** vCPUs of LMI_MAX_VCPUS not held by any function's minimum environments. */
  readonly spareVcpus: number;
}

/**
 * The connection budget under Lambda Managed Instances: environments × workers × pool max per database function,
 * where pool max is what the kit derives ({@link poolMaxFor}: ceil(concurrency / workers), at most 10) and the stack
 * writes as DB_POOL_MAX, so the number checked is the number the pool uses.
 *
 * Environments are bounded by the capacity provider's max vCPU count over the environment's vCPUs (memory /
 * GiB per vCPU). The Lambda API has a per-function maximum (FunctionScalingConfig.MaxExecutionEnvironments), but the
 * Terraform provider 6.25 does not expose it, so the bound comes from the vCPUs. Every function keeps its three
 * minimum environments, so the worst case is: every database function at its minimum, plus every spare vCPU
 * running environments of the database function with the most connections per vCPU.
 *
 * @throws ConnectionBudgetError naming every number when the functions could exhaust the database.
 * @throws LmiCapacityError when LMI_MAX_VCPUS cannot hold the minimum environments.
 * @example
 * checkLmiConnectionBudget(functionCatalog, { maxConnections: 81, headroom: 10 }, config.lmi);
 * // 7 functions × 3 × 1 vCPU = 21 of 24 vCPUs; db, db-naive, breaker 3×(1×4) each + 3 spare × 4 = 48, plus 10 <= 81
 */
export function checkLmiConnectionBudget(
  functions: readonly FunctionSpec[],
  limits: Omit<ConnectionLimits, 'concurrency'>,
  lmi: LmiConfig,
): LmiConnectionBudget {
  const capacity = checkLmiCapacity(functions, lmi);
  const min = managedInstancesDefaults.minEnvironments;
  const shares: LmiConnectionShare[] = functions
    .filter((f) => f.usesDb)
    .map((fn) => {
      const plan = lmiFunctionPlan(fn, lmi);
      const poolMax = poolMaxFor({ maxConcurrency: plan.maxConcurrency, workers: plan.workers });
      const perEnvironment = plan.workers * poolMax;
      const maxEnvironments = min + Math.floor(capacity.spareVcpus / plan.vcpus);
      return {
        name: fn.name,
        reservedConcurrency: undefined,
        maxConcurrency: maxEnvironments * plan.maxConcurrency,
        minEnvironments: min,
        maxEnvironments,
        vcpus: plan.vcpus,
        workers: plan.workers,
        perEnvironmentMaxConcurrency: plan.maxConcurrency,
        poolMax,
        perEnvironment,
        connections: maxEnvironments * perEnvironment,
      };
    });
  const atMinimum = shares.reduce((sum, s) => sum + s.minEnvironments * s.perEnvironment, 0);
  // The spare vCPUs go, in the worst case, to the database function whose environments hold most per vCPU.
  const densest = shares.reduce<LmiConnectionShare | undefined>(
    (best, s) => (best === undefined || s.perEnvironment / s.vcpus > best.perEnvironment / best.vcpus ? s : best),
    undefined,
  );
  const spareEnvironments = densest ? Math.floor(capacity.spareVcpus / densest.vcpus) : 0;
  const demand = atMinimum + spareEnvironments * (densest?.perEnvironment ?? 0);
  const budget: LmiConnectionBudget = {
    mode: 'managed-instances',
    shares,
    demand,
    headroom: limits.headroom,
    maxConnections: limits.maxConnections,
    maxVcpus: capacity.maxVcpus,
    spareVcpus: capacity.spareVcpus,
  };
  if (demand + limits.headroom > limits.maxConnections) {
    const terms = shares.map((s) => `${s.name} ${s.minEnvironments}×${s.workers}×${s.poolMax}`).join(' + ');
    const spare = densest
      ? ` + ${capacity.spareVcpus} spare vCPUs as ${densest.name} environments ${spareEnvironments}×${densest.workers}×${densest.poolMax}`
      : '';
    throw new ConnectionBudgetError(
      'connection budget exceeded under Lambda Managed Instances: Σ(environments × workers × pool max) = ' +
        `${terms} (minimum environments)${spare} = ${demand}, plus headroom ${limits.headroom} = ` +
        `${demand + limits.headroom} > max_connections ${limits.maxConnections} ` +
        `(LMI_MAX_VCPUS ${capacity.maxVcpus}, ${capacity.minimumVcpus} held by every function's ${min} minimum environments). ` +
        'Lower LMI_DB_MAX_CONCURRENCY, LMI_WORKER_COUNT or LMI_MAX_VCPUS, use a larger instance class, or raise DB_MAX_CONNECTIONS.',
      budget,
    );
  }
  return budget;
}

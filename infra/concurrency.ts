import type { FunctionSpec } from '../functions/catalog';

/**
 * Lambda keeps this much of the account's concurrency unreserved, for functions without a reservation:
 * PutFunctionConcurrency refuses a reservation that would leave less.
 */
export const UNRESERVED_FLOOR = 100;

/** Whether the catalog's reservations are applied, and what each function can then run at once. */
export interface ConcurrencyPlan {
  /** The account's concurrency quota the plan was made for (ACCOUNT_CONCURRENCY). */
  readonly accountConcurrency: number;
  /** Σ of the catalog's reserved concurrency, applied or not. */
  readonly requestedReservations: number;
  /** True when every reservation is applied; false when none is (they did not fit the quota). */
  readonly reserve: boolean;
  /** Why the reservations were dropped; undefined when they are applied. */
  readonly droppedBecause?: string;
}

/**
 * Decides whether the catalog's reservations fit an account: Σ reserved + {@link UNRESERVED_FLOOR} ≤ quota.
 * When they do not, none is made. Reserving only some would leave a database function unbounded anyway,
 * and an account under 100 cannot reserve anything at all; dropping them all keeps `apply` from stopping
 * half way on the first refused reservation.
 *
 * @example
 * planConcurrency(functionCatalog, 10).reserve; // false: 50 reserved + 100 unreserved > 10
 */
export function planConcurrency(functions: readonly FunctionSpec[], accountConcurrency: number): ConcurrencyPlan {
  const requestedReservations = functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  const needed = requestedReservations + UNRESERVED_FLOOR;
  if (requestedReservations === 0 || needed <= accountConcurrency) {
    return { accountConcurrency, requestedReservations, reserve: true };
  }
  return {
    accountConcurrency,
    requestedReservations,
    reserve: false,
    droppedBecause:
      `reservations need Σ reserved ${requestedReservations} + ${UNRESERVED_FLOOR} unreserved = ${needed} ` +
      `> ACCOUNT_CONCURRENCY ${accountConcurrency}; no function gets reserved concurrency, and the connection ` +
      `budget counts every database function as able to use the whole quota`,
  };
}

/**
 * The most environments of one function that can run at once under a plan: its reservation when applied,
 * otherwise the whole account quota (an unreserved function can scale to it).
 */
export function maxConcurrencyOf(spec: FunctionSpec, plan: ConcurrencyPlan): number | undefined {
  if (!plan.reserve) return plan.accountConcurrency;
  return spec.reservedConcurrency;
}

/** The reservation to configure on a function under a plan; undefined means none. */
export function reservationOf(spec: FunctionSpec, plan: ConcurrencyPlan): number | undefined {
  return plan.reserve ? spec.reservedConcurrency : undefined;
}

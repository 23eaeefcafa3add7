import { InvalidParameterValueError, TooManyRequestsError } from './errors';

/**
 * Concurrency limits and throttling: in-flight invocations per function against its reserved
 * concurrency, and the unreserved ones against the account's remaining pool. Past the limit the
 * invoke fails at once; Lambda never queues a synchronous invoke.
 */
export class CountingService {
  private readonly inFlight = new Map<string, number>();
  private readonly reserved = new Map<string, number>();
  private unreservedInFlight = 0;
  private reservedTotal = 0;

  constructor(private readonly accountLimit: number) {}

  /** AWS keeps at least 100 unreserved; a small local account keeps a tenth. */
  get minimumUnreserved(): number {
    return Math.min(100, Math.floor(this.accountLimit / 10));
  }

  reservedFor(fn: string): number | undefined {
    return this.reserved.get(fn);
  }

  /** Sets or clears (undefined) a function's reserved concurrency, as PutFunctionConcurrency does. */
  setReserved(fn: string, value: number | undefined): void {
    const current = this.reserved.get(fn) ?? 0;
    if (value !== undefined) {
      const total = this.reservedTotal - current + value;
      if (this.accountLimit - total < this.minimumUnreserved) {
        throw new InvalidParameterValueError(
          `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${this.minimumUnreserved}].`,
        );
      }
    }
    const before = this.inFlight.get(fn) ?? 0;
    if (!this.reserved.has(fn)) this.unreservedInFlight -= before;
    this.reservedTotal -= current;
    if (value === undefined) this.reserved.delete(fn);
    else {
      this.reserved.set(fn, value);
      this.reservedTotal += value;
    }
    if (!this.reserved.has(fn)) this.unreservedInFlight += before;
  }

  /** Counts one invocation in, or throws 429 TooManyRequestsException with AWS's Reason. */
  acquire(fn: string): void {
    const count = this.inFlight.get(fn) ?? 0;
    const reserved = this.reserved.get(fn);
    if (reserved !== undefined) {
      if (count >= reserved) throw new TooManyRequestsError('ReservedFunctionConcurrentInvocationLimitExceeded');
    } else {
      if (this.unreservedInFlight >= this.accountLimit - this.reservedTotal) {
        throw new TooManyRequestsError('ConcurrentInvocationLimitExceeded');
      }
      this.unreservedInFlight += 1;
    }
    this.inFlight.set(fn, count + 1);
  }

  release(fn: string): void {
    const count = this.inFlight.get(fn) ?? 0;
    if (count <= 0) return;
    this.inFlight.set(fn, count - 1);
    if (!this.reserved.has(fn)) this.unreservedInFlight -= 1;
  }
}

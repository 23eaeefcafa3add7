import { randomUUID } from 'node:crypto';

/** What one invocation learns about the environment serving it. */
export interface InvocationInfo {
  /** 1 for the first invocation this environment serves. */
  readonly invocation: number;
  /** True only on the first invocation of this environment. */
  readonly coldStart: boolean;
}

export interface InstanceOptions {
  /** Wall clock, epoch ms. */
  now: () => number;
}

export const defaults: InstanceOptions = {
  now: () => Date.now(),
};

/**
 * The identity of one execution environment. Made once per module instance; since Lambda loads
 * the handler module once per environment, one Instance is one environment.
 */
export class Instance {
  /** Random id made at module load; two environments never share one. */
  readonly id: string;
  /** Epoch ms at which this module instance was loaded (INIT). */
  readonly initAt: number;
  private invocations = 0;
  private readonly now: () => number;

  constructor(options: Partial<InstanceOptions> = {}) {
    const opts = { ...defaults, ...options };
    this.now = opts.now;
    this.id = randomUUID();
    this.initAt = opts.now();
  }

  /** Counts one invocation and says whether it is the cold one. Call once at the top of a handler. */
  beginInvocation(): InvocationInfo {
    this.invocations += 1;
    return { invocation: this.invocations, coldStart: this.invocations === 1 };
  }

  /** Milliseconds since this environment's INIT. */
  ageMs(): number {
    return this.now() - this.initAt;
  }
}

/**
 * Creates an {@link Instance}. Handlers use the module-scope {@link instance}; this is for tests.
 *
 * @example
 * const inst = createInstance({ now: fakeClock.now });
 * inst.beginInvocation(); // { invocation: 1, coldStart: true }
 */
export function createInstance(options: Partial<InstanceOptions> = {}): Instance {
  return new Instance(options);
}

/** This environment's identity, made at module load (INIT). */
export const instance = createInstance();

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
  /** Where LOCAL_LAMBDA_ENVIRONMENT_ID is read from. */
  env: NodeJS.ProcessEnv;
}

export const defaults: InstanceOptions = {
  now: () => Date.now(),
  env: process.env,
};

/** Hex, as the local runtime's environment ids are; a longer or odd value is not taken. */
const localEnvironmentId = /^[0-9a-f]{8,64}$/;

/**
 * The id this environment answers as `instanceId`.
 *
 * Locally, the runtime names each environment in `LOCAL_LAMBDA_ENVIRONMENT_ID` (the tail of its log
 * stream name), and that one id is what `/_local/environments`, the live view and the `[fn envid]`
 * log prefix show: taking it lets a reader follow one environment from a response to its log lines.
 *
 * On AWS that variable does not exist, and the kit makes a random id at INIT, as it always has:
 * Lambda documents AWS_LAMBDA_LOG_STREAM_NAME as the CloudWatch stream's name, not as an identity
 * whose format a function may parse (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html),
 * and a deployed function's answers should not change shape because of a local convenience.
 */
function instanceIdFrom(env: NodeJS.ProcessEnv): string {
  const local = env.LOCAL_LAMBDA_ENVIRONMENT_ID;
  return local !== undefined && localEnvironmentId.test(local) ? local : randomUUID();
}

/**
 * The identity of one execution environment. Made once per module instance; since Lambda loads
 * the handler module once per environment, one Instance is one environment.
 */
export class Instance {
  /** Made at module load (see instanceIdFrom): two environments never share one. */
  readonly id: string;
  /** Epoch ms at which this module instance was loaded (INIT). */
  readonly initAt: number;
  private invocations = 0;
  private readonly now: () => number;

  constructor(options: Partial<InstanceOptions> = {}) {
    const opts = { ...defaults, ...options };
    this.now = opts.now;
    this.id = instanceIdFrom(opts.env);
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

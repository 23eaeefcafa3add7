import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';

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
  /** The id where the local runtime names none (AWS): random per Instance, {@link processEnvironmentId} for the module's. */
  fallbackId: () => string;
  /** This module instance's worker thread (0 on the main thread). */
  workerId: number;
}

export const defaults: InstanceOptions = {
  now: () => Date.now(),
  env: process.env,
  fallbackId: () => randomUUID(),
  workerId: threadId,
};

/** Hex, as the local runtime's environment ids are; a longer or odd value is not taken. */
const localEnvironmentId = /^[0-9a-f]{8,64}$/;

/**
 * When this process started, the same from every thread of it: Linux's start time in clock ticks since
 * boot (/proc/self/stat, field 22), else the wall clock minus the process uptime, to the second.
 */
function processStart(): string {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    if (start) return `ticks:${start}`;
  } catch {
    // Not Linux: fall through.
  }
  return `s:${Math.round((Date.now() - process.uptime() * 1000) / 1000)}`;
}

/**
 * An id for this process, shared by all its worker threads and different for another process: a hash of
 * the host name, the pid and the process's start time, shaped as a UUID.
 *
 * Under Lambda Managed Instances one execution environment runs the handler in several worker threads,
 * each loading the module once (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html),
 * so an id made at module load would differ per worker; an environment is one process, so the process
 * names it. On AWS no documented variable names the environment (see instanceIdFrom).
 */
export function processEnvironmentId(): string {
  const hex = createHash('sha256').update(`${hostname()}|${process.pid}|${processStart()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id this environment answers as `instanceId`.
 *
 * Locally, the runtime names each environment in `LOCAL_LAMBDA_ENVIRONMENT_ID` (the tail of its log
 * stream name), and that one id is what `/_local/environments`, the live view and the `[fn envid]`
 * log prefix show: taking it lets a reader follow one environment from a response to its log lines.
 *
 * The variable is set on the environment's process, and worker threads inherit it, so every worker of one
 * environment answers the same id.
 *
 * On AWS that variable does not exist, and the id comes from `fallbackId`: for the module's instance,
 * {@link processEnvironmentId}, the same in every worker thread of the process. Lambda documents
 * AWS_LAMBDA_LOG_STREAM_NAME as the CloudWatch stream's name, not as an identity whose format a function
 * may parse (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html), and a deployed
 * function's answers should not change shape because of a local convenience.
 */
function instanceIdFrom(env: NodeJS.ProcessEnv, fallbackId: () => string): string {
  const local = env.LOCAL_LAMBDA_ENVIRONMENT_ID;
  return local !== undefined && localEnvironmentId.test(local) ? local : fallbackId();
}

/**
 * The identity of one execution environment, and of the worker thread this module instance runs in.
 * Made once per module instance: classic Lambda loads the handler module once per environment; under
 * Managed Instances once per worker thread, so `id` names the environment (shared by its workers) and
 * `workerId` the worker. Invocations are counted per module instance, so per worker: each worker's
 * first invocation is its cold start, as its INIT ran just before.
 */
export class Instance {
  /** The environment's id (see instanceIdFrom): two environments never share one; its workers do. */
  readonly id: string;
  /** The worker thread (node:worker_threads `threadId`, 0 on the main thread) of this module instance. */
  readonly workerId: number;
  /** Epoch ms at which this module instance was loaded (INIT). */
  readonly initAt: number;
  private invocations = 0;
  private readonly now: () => number;

  constructor(options: Partial<InstanceOptions> = {}) {
    const opts = { ...defaults, ...options };
    this.now = opts.now;
    this.id = instanceIdFrom(opts.env, opts.fallbackId);
    this.workerId = opts.workerId;
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

/** This environment's identity, made at module load (INIT): the same id in every worker thread of the process. */
export const instance = createInstance({ fallbackId: processEnvironmentId });

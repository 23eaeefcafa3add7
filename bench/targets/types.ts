import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ColdStartOptions } from '../measure';

/** Which stack a run measures. */
export type TargetKind = 'local' | 'aws';

/**
 * What the runner needs from a stack, local or deployed: one code path measures both.
 * The local target starts the stack itself; the AWS target only reads a deployed stack's outputs.
 */
export interface Target {
  readonly kind: TargetKind;
  /** Lambda client: the local Invoke API with dummy credentials, or AWS with the default chain. */
  readonly lambda: LambdaClient;
  /** HTTP API base URL without a trailing slash, e.g. `http://127.0.0.1:3000`. */
  readonly apiBaseUrl: string;
  /** Lambda function name for a catalog short name. */
  functionName(shortName: string): string;
  /**
   * Environments alive for a function, when the target can see them (the local runtime's
   * `/_local/environments`); undefined on AWS, where the runner relies on what responses say.
   */
  environmentCount?(shortName: string): Promise<number | undefined>;
  /**
   * Environments alive for a function and the sum of their processes' RSS in MB, when the target can see
   * them (the local runtime lists each environment's pid; /proc gives its RSS); undefined on AWS.
   */
  environmentsMemory?(shortName: string): Promise<{ readonly alive: number; readonly rssMb: number } | undefined>;
  /** How forceColdStart polls this target's configuration updates (AWS takes seconds; the local stack milliseconds). */
  readonly coldStart: Partial<ColdStartOptions>;
  /** The functions' runtime label and Node version, for the results file. */
  readonly runtime: { readonly label: string; readonly node: string };
  /** Stops what the target started (nothing for AWS except closing clients). */
  teardown(): Promise<void>;
}

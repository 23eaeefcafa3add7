import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { EnvOverride, FaultStack } from '../targets';

/** The scenarios, in the order the suite runs them (SSM down last: it leaves SSM stopped). */
export const scenarioNames = ['burst', 'db-restart', 'frozen-kill', 'ssm-down'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** A figure a scenario measured: a count, a duration (ms) or a yes/no. */
export type Figure = number | boolean | string;

/** One scenario's verdict: what was expected, what was seen, and the figures behind both. */
export interface FaultResult {
  readonly scenario: ScenarioName;
  readonly expected: string;
  readonly seen: string;
  readonly pass: boolean;
  readonly durationMs: number;
  readonly figures: Readonly<Record<string, Figure>>;
}

/** One answer of the HTTP API: its status and its body (JSON when it parses, else the text). */
export interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** What every scenario gets: the running stack and clients pointed at it. */
export interface FaultContext {
  readonly stack: FaultStack;
  /** The real Lambda SDK client at the local Invoke API (no retries, as API Gateway makes none). */
  readonly lambda: LambdaClient;
  /** A request to the HTTP API; a socket error or timeout rejects. */
  http(method: string, path: string): Promise<HttpAnswer>;
  /** One statement on the stack's database, on a connection of its own (so it survives a restart). */
  sql<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** The deployed name of a catalog function, e.g. `breaker` → `lambda-reuse-lab-dev-breaker`. */
  functionName(shortName: string): string;
  log(line: string): void;
}

/** One fault scenario: sets itself up on the shared stack, injects its fault, checks the outcome. */
export interface FaultScenario {
  readonly name: ScenarioName;
  /** One line for --help. */
  readonly summary: string;
  /** Variables the scenario needs on the shared stack's functions (the stack starts once, with all of them). */
  readonly envOverrides?: readonly EnvOverride[];
  run(ctx: FaultContext): Promise<Omit<FaultResult, 'scenario' | 'durationMs'>>;
}

import type { EndReason, EnvironmentInfo, LocalLambda } from '../runtime';
import { functionColor } from './colors';
import type { InvocationTick } from './invocation-ticks';

/** Why an environment ended, in the live view's words. */
export const endLabels: Readonly<Record<EndReason, string>> = {
  'idle-timeout': 'idle',
  'max-lifetime': 'lifetime',
  'configuration-update': 'update',
  crash: 'crash',
  timeout: 'timeout',
  'out-of-memory': 'out of memory',
  'init-failure': 'init failure',
  'scale-in': 'scaled in',
  'runtime-stop': 'stopped',
};

/** One environment as the live view draws it; times are epoch ms. */
export interface ViewEnvironment {
  readonly id: string;
  readonly function: string;
  /** The function's name without the `<prefix>-<stage>-` all share (as the CLI's logs show it), e.g. `hello`. */
  readonly shortName: string;
  /** The function's colour (see colors.ts): the legend's, the bar's and the timeline's. */
  readonly color: string;
  readonly state: EnvironmentInfo['state'];
  readonly invocations: number;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly endedAt?: number;
  readonly endReason?: EnvironmentInfo['endReason'];
  /** {@link endLabels}' word for `endReason`: idle, lifetime, update, crash, timeout... */
  readonly endedBecause?: string;
  readonly peakMemoryMb: number;
  /**
   * The id the function answers as `instanceId`: locally the environment's own id, which the
   * runtime hands the kit in LOCAL_LAMBDA_ENVIRONMENT_ID (functions/kit/instance.ts). Known from
   * the environment's creation, whether or not the function logs anything.
   */
  readonly instanceId: string;
  /** Its invocations' starts (the latest ones, bounded), oldest first, for the timeline's ticks. */
  readonly ticks: readonly InvocationTick[];
  /**
   * Managed Instances only (absent for classic environments, which run one invocation at a time): the
   * invocations it runs now, the most it ran at once, its limit and its worker threads.
   */
  readonly concurrency?: ViewConcurrency;
}

/** An LMI environment's concurrency, as `/_local/environments` reports it (the runtime's EnvironmentConcurrency). */
export interface ViewConcurrency {
  readonly inFlight: number;
  readonly peak: number;
  readonly max: number;
  readonly workers: number;
}

/** One function in the legend. */
export interface ViewFunction {
  readonly name: string;
  readonly shortName: string;
  readonly color: string;
  /** True for a function on Managed Instances (its environments carry `concurrency`); absent for classic. */
  readonly managedInstances?: true;
}

/** The body of `GET /_local/state`. */
export interface ViewState {
  readonly now: number;
  /** Every function with an environment in the view, by short name. */
  readonly functions: ViewFunction[];
  readonly environments: ViewEnvironment[];
}

/** What the view knows besides the runtime's own environment lists. */
export interface ViewSources {
  readonly shortNames: ReadonlyMap<string, string>;
  readonly ticks: ReadonlyMap<string, readonly InvocationTick[]>;
}

function toView(e: EnvironmentInfo, sources: ViewSources): ViewEnvironment {
  return {
    id: e.id,
    function: e.function,
    shortName: sources.shortNames.get(e.function) ?? e.function,
    color: functionColor(e.function),
    state: e.state,
    invocations: e.invocations,
    createdAt: Date.parse(e.createdAt),
    lastUsedAt: Date.parse(e.lastUsedAt),
    ...(e.endedAt !== undefined ? { endedAt: Date.parse(e.endedAt) } : {}),
    ...(e.endReason !== undefined ? { endReason: e.endReason, endedBecause: endLabels[e.endReason] } : {}),
    peakMemoryMb: e.peakMemoryMb,
    instanceId: e.id,
    ticks: sources.ticks.get(e.id) ?? [],
    ...(e.concurrency
      ? {
          concurrency: {
            inFlight: e.concurrency.inFlight,
            peak: e.concurrency.peak,
            max: e.concurrency.max,
            workers: e.concurrency.workers,
          },
        }
      : {}),
  };
}

/**
 * Live and recently ended environments, oldest first, and the functions they belong to. An
 * environment can be in both lists for a moment while it ends; the ended record wins.
 *
 * @example
 * const state = viewState(runtime, 200, { shortNames, ticks });
 * state.environments.filter((e) => e.endedAt === undefined).length; // live ones
 */
export function viewState(
  runtime: Pick<LocalLambda, 'environments' | 'endedEnvironments'>,
  endedLimit: number,
  sources: Partial<ViewSources> = {},
): ViewState {
  const all: ViewSources = { shortNames: sources.shortNames ?? new Map(), ticks: sources.ticks ?? new Map() };
  const ended =
    endedLimit > 0
      ? runtime
          .endedEnvironments()
          .slice(-endedLimit)
          .map((e) => toView(e, all))
      : [];
  const endedIds = new Set(ended.map((e) => e.id));
  const live = runtime
    .environments()
    .filter((e) => !endedIds.has(e.id) && e.state !== 'shutdown')
    .map((e) => toView(e, all));
  const environments = [...ended, ...live].sort((a, b) => a.createdAt - b.createdAt);
  const functions = new Map<string, ViewFunction>();
  for (const e of environments) {
    const known = functions.get(e.function);
    functions.set(e.function, {
      name: e.function,
      shortName: e.shortName,
      color: e.color,
      ...(known?.managedInstances || e.concurrency ? { managedInstances: true as const } : {}),
    });
  }
  return {
    now: Date.now(),
    functions: [...functions.values()].sort((a, b) => a.shortName.localeCompare(b.shortName)),
    environments,
  };
}

import type { EnvironmentInfo, LocalLambda } from '../runtime';

/** One environment as the live view draws it; times are epoch ms. */
export interface ViewEnvironment {
  readonly id: string;
  readonly function: string;
  /** The function's name without the `<prefix>-<stage>-` all share (as the CLI's logs show it), e.g. `hello`. */
  readonly shortName: string;
  readonly state: EnvironmentInfo['state'];
  readonly invocations: number;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly endedAt?: number;
  readonly endReason?: EnvironmentInfo['endReason'];
  readonly peakMemoryMb: number;
  /** The id the function itself reports (the kit's instanceId), once its logs showed it. */
  readonly instanceId?: string;
}

/** The body of `GET /_local/state`. */
export interface ViewState {
  readonly now: number;
  readonly environments: ViewEnvironment[];
}

function toView(
  e: EnvironmentInfo,
  instanceIds: ReadonlyMap<string, string>,
  shortNames: ReadonlyMap<string, string>,
): ViewEnvironment {
  const instanceId = instanceIds.get(e.id);
  return {
    id: e.id,
    function: e.function,
    shortName: shortNames.get(e.function) ?? e.function,
    state: e.state,
    invocations: e.invocations,
    createdAt: Date.parse(e.createdAt),
    lastUsedAt: Date.parse(e.lastUsedAt),
    ...(e.endedAt !== undefined ? { endedAt: Date.parse(e.endedAt) } : {}),
    ...(e.endReason !== undefined ? { endReason: e.endReason } : {}),
    peakMemoryMb: e.peakMemoryMb,
    ...(instanceId !== undefined ? { instanceId } : {}),
  };
}

/**
 * Live and recently ended environments, oldest first. An environment can be in both lists for a
 * moment while it ends; the ended record wins.
 *
 * @example
 * const state = viewState(runtime, 200, instanceIds, shortNames);
 * state.environments.filter((e) => e.endedAt === undefined).length; // live ones
 */
export function viewState(
  runtime: Pick<LocalLambda, 'environments' | 'endedEnvironments'>,
  endedLimit: number,
  instanceIds: ReadonlyMap<string, string> = new Map(),
  shortNames: ReadonlyMap<string, string> = new Map(),
): ViewState {
  const ended =
    endedLimit > 0
      ? runtime
          .endedEnvironments()
          .slice(-endedLimit)
          .map((e) => toView(e, instanceIds, shortNames))
      : [];
  const endedIds = new Set(ended.map((e) => e.id));
  const live = runtime
    .environments()
    .filter((e) => !endedIds.has(e.id) && e.state !== 'shutdown')
    .map((e) => toView(e, instanceIds, shortNames));
  const environments = [...ended, ...live].sort((a, b) => a.createdAt - b.createdAt);
  return { now: Date.now(), environments };
}

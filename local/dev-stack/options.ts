import { isAbsolute, resolve } from 'node:path';
import { httpApiDefaults } from '../http-api';
import { invokeApiDefaults } from '../invoke-api';
import { type ListenerLimits, listenerDefaults } from '../net';
import { embeddedPostgresDefaults } from '../postgres';
import { type LogEvent, defaults as runtimeDefaults } from '../runtime';
import { ssmServerDefaults } from '../ssm';
import type { EnvOverride } from './env-overrides';
import { devStackOptionError } from './errors';

/**
 * Every option of the dev stack. Ports (the team's contract), region, account and the runtime's
 * settings are the defaults of the servers they configure, so each is written down once.
 */
export const defaults = {
  /** The repository root: where dist/, cdktf.out/ and .local/ live. */
  rootDir: resolve(__dirname, '..', '..'),
  host: '127.0.0.1',
  httpPort: httpApiDefaults.port,
  lambdaPort: invokeApiDefaults.port,
  ssmPort: ssmServerDefaults.port,
  /** 0: the functions are told the URL, so it needs no fixed port and two stacks never collide on it. */
  secretsManagerPort: 0,
  pgPort: embeddedPostgresDefaults.port,
  /** Build the functions and synthesize the stack before serving. */
  build: true,
  /** Rebuild a function when a file it reads under functions/ changes, and serve the new code. */
  watch: false,
  /** Functions started with the inspector: none, all (true), or these (short or deployed names). */
  inspect: false as boolean | readonly string[],
  /** The first inspector port (Node's default); each inspected environment takes the lowest free one. */
  inspectPort: runtimeDefaults.inspectPort,
  /** SIGSTOP environments between invocations, as Lambda freezes them. */
  freeze: runtimeDefaults.freeze,
  idleTimeoutMs: runtimeDefaults.idleTimeoutMs,
  /** Embedded PostgreSQL data, git-ignored, so visits survive a restart. */
  pgDataDir: '.local/pg',
  /** Local SecureString values, git-ignored; missing ones are generated. */
  secretsFile: '.local/secrets.json',
  /** Start the local SSM from the stack's values alone, dropping the changes kept from earlier runs (`--reset`). */
  resetParameters: false,
  cacheDir: runtimeDefaults.cacheDir,
  region: runtimeDefaults.region,
  accountId: runtimeDefaults.accountId,
  /** How long ended environments stay in `/_local/state` (the timeline's memory). */
  endedHistory: 200,
  /** Host names every listener accepts besides 127.0.0.1, localhost and [::1] (`--allow-host`). */
  allowHosts: [] as readonly string[],
  /** None: every layer comes from the stack. */
  layerFolders: {} as Readonly<Record<string, string>>,
  /** Bounds on every listener's clients; see local/net `listenerDefaults`. */
  listenerLimits: listenerDefaults as Partial<ListenerLimits>,
  /**
   * Managed Instances environments each function starts ahead of traffic. AWS starts 3 (one per
   * Availability Zone, "Scaling Lambda Managed Instances"); a laptop may want fewer.
   */
  lmiMinEnvironments: runtimeDefaults.managedInstances.minEnvironments,
} as const;

/** How the stack's functions run: `LAMBDA_MODE` of infra/config.ts (docs/managed-instances.md). */
export const LAMBDA_MODES = ['classic', 'managed-instances'] as const;
export type LambdaMode = (typeof LAMBDA_MODES)[number];

/** The most `lmiMinEnvironments` may be: the runtime's own ceiling on a function's environments. */
export const maxLmiMinEnvironments = runtimeDefaults.managedInstances.maxEnvironments;

export interface DevStackOptions {
  readonly rootDir?: string;
  /** A synthesized cdk.tf.json to serve as is (no build, no synth). */
  readonly stackFile?: string;
  /**
   * The model to synthesize (`LAMBDA_MODE` for `tsx main.ts`) and serve. Without a `stackFile` it defaults to
   * classic, and a stack of the other model (cdktf.out left by an earlier synth, with `build: false`) fails
   * the start; with a `stackFile` it is only checked when given.
   */
  readonly lambdaMode?: LambdaMode;
  /** Managed Instances environments started per function ahead of traffic (AWS: 3). */
  readonly lmiMinEnvironments?: number;
  readonly host?: string;
  /** 0 picks a free port; the one in use is in the result. */
  readonly httpPort?: number;
  readonly lambdaPort?: number;
  readonly ssmPort?: number;
  /** The local Secrets Manager (the managed-mode database secret). */
  readonly secretsManagerPort?: number;
  readonly pgPort?: number;
  readonly build?: boolean;
  /** Rebuild on changes under functions/ (not with `stackFile`: a snapshot has no sources). */
  readonly watch?: boolean;
  /** Start these functions' environments with the inspector (true: all); no freeze, no timeout for them. */
  readonly inspect?: boolean | readonly string[];
  readonly inspectPort?: number;
  readonly freeze?: boolean;
  readonly idleTimeoutMs?: number;
  /** An external PostgreSQL instead of the embedded one (holds a password: never printed). */
  readonly databaseUrl?: string;
  readonly pgDataDir?: string;
  readonly secretsFile?: string;
  /**
   * Where PutParameter and DeleteParameter changes are kept across restarts (mode 0600: SecureString
   * values). By default beside the PostgreSQL data folder, as the instance lock is
   * (`.local/pg.ssm-parameters.json`): one file per local stack, so two stacks never share one.
   */
  readonly parametersFile?: string;
  /** Drop the kept parameter changes before starting (`--reset`). */
  readonly resetParameters?: boolean;
  readonly cacheDir?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly endedHistory?: number;
  readonly allowHosts?: readonly string[];
  readonly listenerLimits?: Partial<ListenerLimits>;
  /** Environment variables set on functions, over the stack's own (e.g. a short CONFIG_TTL_MS). */
  readonly envOverrides?: readonly EnvOverride[];
  /** Layers the stack does not declare, by layer version ARN: a local folder each (`--layer ARN=FOLDER`). */
  readonly layerFolders?: Readonly<Record<string, string>>;
  /** Function log lines (START/END/REPORT and the function's own output). */
  readonly onLog?: (event: LogEvent) => void;
  /** One line per HTTP API request. */
  readonly onHttpLog?: (line: string) => void;
  /** Progress while preparing (build, synth, PostgreSQL). */
  readonly onProgress?: (line: string) => void;
  /** One line (or a few, with a build error) per rebuild in watch mode. */
  readonly onWatch?: (line: string) => void;
}

type Callbacks = 'onLog' | 'onHttpLog' | 'onProgress' | 'onWatch';
export type ResolvedDevStackOptions = Required<
  Omit<DevStackOptions, 'stackFile' | 'databaseUrl' | 'lambdaMode' | Callbacks>
> &
  Pick<DevStackOptions, 'stackFile' | 'databaseUrl' | 'lambdaMode' | Callbacks>;

/** The default parameters file: beside the data folder, like its lock (`.local/pg` -> `.local/pg.ssm-parameters.json`). */
export function parametersFileFor(pgDataDir: string): string {
  return `${pgDataDir.replace(/[/\\]+$/, '')}.ssm-parameters.json`;
}

/** The shape a `databaseUrl` must have; the value itself holds a password, so checks name only this. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

function port(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw devStackOptionError(name, value, 'an integer from 0 to 65535 (0 picks a free port)');
}

/** The one place the dev stack's options are checked; paths come back absolute. */
export function resolveDevStackOptions(options: DevStackOptions = {}): ResolvedDevStackOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as DevStackOptions;
  const o = { ...defaults, envOverrides: [], ...given };
  if (typeof o.rootDir !== 'string' || !isAbsolute(o.rootDir))
    throw devStackOptionError('rootDir', o.rootDir, 'an absolute path');
  if (typeof o.host !== 'string' || o.host.length === 0)
    throw devStackOptionError('host', o.host, 'a host address such as 127.0.0.1');
  port('httpPort', o.httpPort);
  port('lambdaPort', o.lambdaPort);
  port('ssmPort', o.ssmPort);
  port('secretsManagerPort', o.secretsManagerPort);
  port('pgPort', o.pgPort);
  if (typeof o.build !== 'boolean') throw devStackOptionError('build', o.build, 'true or false');
  if (typeof o.watch !== 'boolean') throw devStackOptionError('watch', o.watch, 'true or false');
  if (o.watch && o.stackFile !== undefined)
    throw devStackOptionError(
      'watch',
      true,
      'false with stackFile (--stack serves a snapshot; watch rebuilds from functions/, so drop one of them)',
    );
  if (typeof o.inspect !== 'boolean' && !(Array.isArray(o.inspect) && o.inspect.every((n) => typeof n === 'string')))
    throw devStackOptionError('inspect', o.inspect, 'true, false or a list of function names');
  if (!Number.isInteger(o.inspectPort) || o.inspectPort < 1024 || o.inspectPort > 65535)
    throw devStackOptionError('inspectPort', o.inspectPort, 'an integer from 1024 to 65535');
  if (typeof o.freeze !== 'boolean') throw devStackOptionError('freeze', o.freeze, 'true or false');
  if (typeof o.resetParameters !== 'boolean')
    throw devStackOptionError('resetParameters', o.resetParameters, 'true or false');
  if (o.parametersFile !== undefined && (typeof o.parametersFile !== 'string' || o.parametersFile === ''))
    throw devStackOptionError('parametersFile', o.parametersFile, 'a file path');
  if (!Number.isInteger(o.idleTimeoutMs) || o.idleTimeoutMs < 1)
    throw devStackOptionError('idleTimeoutMs', o.idleTimeoutMs, 'a positive integer (ms)');
  if (!Number.isInteger(o.endedHistory) || o.endedHistory < 0)
    throw devStackOptionError('endedHistory', o.endedHistory, 'an integer of at least 0');
  if (o.databaseUrl !== undefined && !isPostgresUrl(o.databaseUrl)) {
    // The value may hold a password: name only its shape.
    throw devStackOptionError('databaseUrl', '<hidden>', 'a postgres:// or postgresql:// connection string');
  }
  if (!Array.isArray(o.allowHosts) || o.allowHosts.some((h) => typeof h !== 'string' || !/^[a-z0-9.-]+$/i.test(h)))
    throw devStackOptionError('allowHosts', o.allowHosts, 'host names such as dev.example.test');
  if (!Array.isArray(o.envOverrides))
    throw devStackOptionError('envOverrides', typeof o.envOverrides, 'an array of {function?, name, value}');
  if (o.lambdaMode !== undefined && !LAMBDA_MODES.includes(o.lambdaMode))
    throw devStackOptionError('lambdaMode', o.lambdaMode, LAMBDA_MODES.join(' or '));
  if (
    !Number.isInteger(o.lmiMinEnvironments) ||
    o.lmiMinEnvironments < 1 ||
    o.lmiMinEnvironments > maxLmiMinEnvironments
  )
    throw devStackOptionError(
      'lmiMinEnvironments',
      o.lmiMinEnvironments,
      `an integer from 1 to ${maxLmiMinEnvironments}`,
    );
  if (typeof o.layerFolders !== 'object' || o.layerFolders === null || Array.isArray(o.layerFolders))
    throw devStackOptionError('layerFolders', typeof o.layerFolders, 'an object of layer version ARN to folder');
  const abs = (p: string): string => resolve(o.rootDir, p);
  return {
    ...o,
    pgDataDir: abs(o.pgDataDir),
    secretsFile: abs(o.secretsFile),
    parametersFile: abs(o.parametersFile ?? parametersFileFor(o.pgDataDir)),
    cacheDir: abs(o.cacheDir),
    layerFolders: Object.fromEntries(Object.entries(o.layerFolders).map(([arn, dir]) => [arn, abs(dir)])),
    ...(o.stackFile !== undefined ? { stackFile: abs(o.stackFile) } : {}),
  };
}

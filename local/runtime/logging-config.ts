/**
 * A function's logging controls (`logging_config` in Terraform, LoggingConfig in Lambda's API):
 * the log format, the application and system log levels, the log group.
 *
 * What Lambda does with them, from AWS's "Configuring advanced logging controls for Lambda
 * functions" (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html),
 * "Log-level filtering" (…/monitoring-cloudwatchlogs-log-level.html) and the LoggingConfig API
 * reference (https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html):
 * - LogFormat is `JSON` or `Text` (the default) and applies to both system and application logs.
 * - ApplicationLogLevel is TRACE | DEBUG | INFO | WARN | ERROR | FATAL; SystemLogLevel is
 *   DEBUG | INFO | WARN. Lambda sends logs at the selected level "and lower" (less detail). Levels
 *   need the JSON format; in JSON both default to INFO.
 * - LogGroup defaults to `/aws/lambda/<function name>`; it is what AWS_LAMBDA_LOG_GROUP_NAME says.
 */

export type LogFormat = 'Text' | 'JSON';
export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';

/** A function's logging controls, as the stack declares them (all optional, as in Terraform). */
export interface LoggingConfig {
  readonly logFormat?: LogFormat;
  readonly applicationLogLevel?: ApplicationLogLevel;
  readonly systemLogLevel?: SystemLogLevel;
  readonly logGroup?: string;
}

/** The controls with Lambda's defaults filled in. */
export interface ResolvedLogging {
  readonly logFormat: LogFormat;
  readonly applicationLogLevel: ApplicationLogLevel;
  readonly systemLogLevel: SystemLogLevel;
  readonly logGroup: string;
}

export const loggingDefaults = {
  logFormat: 'Text',
  // Lambda's defaults once the format is JSON (both levels are INFO in the console and the API).
  applicationLogLevel: 'INFO',
  systemLogLevel: 'INFO',
} as const satisfies Omit<ResolvedLogging, 'logGroup'>;

export const LOG_FORMATS: readonly LogFormat[] = ['Text', 'JSON'];
export const APPLICATION_LOG_LEVELS: readonly ApplicationLogLevel[] = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'FATAL',
];
export const SYSTEM_LOG_LEVELS: readonly SystemLogLevel[] = ['DEBUG', 'INFO', 'WARN'];

/** Detail rank of every level either kind uses: higher is more detail (TRACE is the most). */
const DETAIL: Readonly<Record<ApplicationLogLevel, number>> = {
  TRACE: 6,
  DEBUG: 5,
  INFO: 4,
  WARN: 3,
  ERROR: 2,
  FATAL: 1,
};

/**
 * Whether a record at `level` passes a filter set to `threshold`: Lambda sends the selected level
 * and every level with less detail.
 *
 * @example
 * passesLevel('DEBUG', 'INFO'); // false: DEBUG is more detail than INFO
 */
export function passesLevel(level: ApplicationLogLevel, threshold: ApplicationLogLevel): boolean {
  return DETAIL[level] <= DETAIL[threshold];
}

/**
 * Fills in Lambda's defaults for one function; a Managed Instances function's format is always JSON.
 *
 * @example
 * resolveLogging('orders', { logFormat: 'JSON' });
 * // { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'INFO', logGroup: '/aws/lambda/orders' }
 */
export function resolveLogging(
  functionName: string,
  config: LoggingConfig | undefined,
  managedInstances = false,
): ResolvedLogging {
  return {
    // Managed Instances functions log in JSON only: Lambda sets it and it cannot be changed ("Log format",
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html).
    logFormat: managedInstances ? 'JSON' : (config?.logFormat ?? loggingDefaults.logFormat),
    applicationLogLevel: config?.applicationLogLevel ?? loggingDefaults.applicationLogLevel,
    systemLogLevel: config?.systemLogLevel ?? loggingDefaults.systemLogLevel,
    logGroup: config?.logGroup ?? `/aws/lambda/${functionName}`,
  };
}

import { randomUUID } from 'node:crypto';
import { InvalidParameterValueError, ResourceNotFoundError } from './errors';
import { handlerProblem } from './handler-path';
import { resolveLogging } from './logging-config';
import type { FunctionDefinition, ManagedInstancesConfig } from './types';

/** A function as the control plane holds it: its current configuration and update status. */
export interface FunctionRecord {
  def: FunctionDefinition;
  lastModified: string;
  lastUpdateStatus: 'Successful' | 'InProgress';
  revisionId: string;
}

/** The fields UpdateFunctionConfiguration may change. */
export interface ConfigurationPatch {
  readonly Environment?: { readonly Variables?: Record<string, string> };
  readonly MemorySize?: number;
  readonly Timeout?: number;
  readonly Handler?: string;
  readonly Runtime?: string;
  readonly Description?: string;
  readonly Role?: string;
}

/** What UpdateFunctionCode changes, with the package already unpacked. */
export interface CodeUpdate {
  /** Folder holding the unpacked code (the new LAMBDA_TASK_ROOT). */
  readonly codeDir: string;
  /** Base64 SHA-256 of the deployment package. */
  readonly codeSha256?: string;
  readonly codeSize?: number;
}

function lambdaTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** The function registry: names and ARNs, configurations, and their wire shapes. */
export class ControlPlane {
  private readonly records = new Map<string, FunctionRecord>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  add(def: FunctionDefinition): void {
    this.records.set(def.name, {
      def,
      lastModified: lambdaTime(new Date()),
      lastUpdateStatus: 'Successful',
      revisionId: randomUUID(),
    });
  }

  arn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  names(): string[] {
    return [...this.records.keys()];
  }

  /**
   * Finds a function by name, ARN or partial ARN (`123456789012:function:name`), with an optional
   * `$LATEST` qualifier; anything else is ResourceNotFoundException, as Lambda answers.
   */
  resolve(nameOrArn: string, qualifier?: string): FunctionRecord {
    const direct = this.records.get(nameOrArn);
    if (direct && (qualifier === undefined || qualifier === '$LATEST')) return direct;
    let name = nameOrArn;
    let q = qualifier;
    const parts = nameOrArn.split(':');
    if (parts[0] === 'arn' && parts.length >= 7 && parts[5] === 'function') {
      name = parts[6] ?? '';
      q = parts[7] ?? q;
    } else if (parts.length >= 3 && parts[1] === 'function') {
      name = parts[2] ?? '';
      q = parts[3] ?? q;
    } else if (parts.length === 2) {
      name = parts[0] ?? '';
      q = parts[1];
    }
    const record = this.records.get(name);
    if (!record || (q !== undefined && q !== '$LATEST')) {
      const target = q !== undefined && record ? `${this.arn(name)}:${q}` : this.arn(name);
      throw new ResourceNotFoundError(`Function not found: ${target}`);
    }
    return record;
  }

  list(): FunctionRecord[] {
    return [...this.records.values()];
  }

  /** Applies an UpdateFunctionConfiguration; the caller retires the old environments. */
  update(name: string, patch: ConfigurationPatch): FunctionRecord {
    const record = this.resolve(name);
    const d = record.def;
    if (
      patch.MemorySize !== undefined &&
      (!Number.isInteger(patch.MemorySize) || patch.MemorySize < 128 || patch.MemorySize > 10240)
    ) {
      throw new InvalidParameterValueError(
        `MemorySize must be an integer from 128 to 10240, got ${String(patch.MemorySize)}`,
      );
    }
    if (patch.Timeout !== undefined && (!Number.isInteger(patch.Timeout) || patch.Timeout < 1 || patch.Timeout > 900)) {
      throw new InvalidParameterValueError(`Timeout must be an integer from 1 to 900, got ${String(patch.Timeout)}`);
    }
    if (patch.Runtime !== undefined && !/^nodejs\d+\.x$/.test(patch.Runtime)) {
      throw new InvalidParameterValueError(
        `The runtime parameter of ${patch.Runtime} is not supported locally; use nodejsNN.x`,
      );
    }
    const handlerIssue = patch.Handler === undefined ? undefined : handlerProblem(patch.Handler, d.codeDir);
    if (handlerIssue !== undefined) {
      throw new InvalidParameterValueError(`The handler ${JSON.stringify(patch.Handler)} ${handlerIssue}.`);
    }
    record.def = {
      ...d,
      ...(patch.Environment ? { environment: { ...(patch.Environment.Variables ?? {}) } } : {}),
      ...(patch.MemorySize !== undefined ? { memorySize: patch.MemorySize } : {}),
      ...(patch.Timeout !== undefined ? { timeout: patch.Timeout } : {}),
      ...(patch.Handler !== undefined ? { handler: patch.Handler } : {}),
      ...(patch.Runtime !== undefined ? { runtime: patch.Runtime } : {}),
      ...(patch.Description !== undefined ? { description: patch.Description } : {}),
      ...(patch.Role !== undefined ? { role: patch.Role } : {}),
    };
    record.lastModified = lambdaTime(new Date());
    record.lastUpdateStatus = 'InProgress';
    record.revisionId = randomUUID();
    return record;
  }

  /** Applies an UpdateFunctionCode; the caller retires the old environments. */
  updateCode(name: string, code: CodeUpdate): FunctionRecord {
    const record = this.resolve(name);
    const handlerIssue = handlerProblem(record.def.handler, code.codeDir);
    if (handlerIssue !== undefined) {
      throw new InvalidParameterValueError(`The handler ${JSON.stringify(record.def.handler)} ${handlerIssue}.`);
    }
    record.def = {
      ...record.def,
      codeDir: code.codeDir,
      ...(code.codeSha256 !== undefined ? { codeSha256: code.codeSha256 } : {}),
      ...(code.codeSize !== undefined ? { codeSize: code.codeSize } : {}),
    };
    record.lastModified = lambdaTime(new Date());
    record.lastUpdateStatus = 'InProgress';
    record.revisionId = randomUUID();
    return record;
  }

  /** FunctionConfiguration, the shape GetFunctionConfiguration and ListFunctions return. */
  configuration(record: FunctionRecord): Record<string, unknown> {
    const d = record.def;
    return {
      FunctionName: d.name,
      FunctionArn: this.arn(d.name),
      Runtime: d.runtime,
      Role: d.role ?? `arn:aws:iam::${this.accountId}:role/${d.name}-role`,
      Handler: d.handler,
      CodeSize: d.codeSize ?? 0,
      Description: d.description ?? '',
      Timeout: d.timeout,
      MemorySize: d.memorySize,
      LastModified: record.lastModified,
      CodeSha256: d.codeSha256 ?? '',
      Version: '$LATEST',
      Environment: { Variables: { ...(d.environment ?? {}) } },
      TracingConfig: { Mode: 'PassThrough' },
      RevisionId: record.revisionId,
      State: 'Active',
      LastUpdateStatus: record.lastUpdateStatus,
      ...(record.lastUpdateStatus === 'InProgress'
        ? { LastUpdateStatusReason: 'The function is being updated.', LastUpdateStatusReasonCode: 'Updating' }
        : {}),
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: loggingConfigOf(d),
      ...(d.managedInstances ? { CapacityProviderConfig: capacityProviderConfigOf(d.managedInstances) } : {}),
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      RuntimeVersionConfig: { RuntimeVersionArn: `arn:aws:lambda:${this.region}::runtime:local-${d.runtime}` },
    };
  }
}

/** GetFunctionConfiguration's CapacityProviderConfig (API_CapacityProviderConfig), with what the function set. */
function capacityProviderConfigOf(m: ManagedInstancesConfig): Record<string, unknown> {
  return {
    LambdaManagedInstancesCapacityProviderConfig: {
      ...(m.capacityProvider !== undefined ? { CapacityProviderArn: m.capacityProvider } : {}),
      ...(m.memoryGiBPerVcpu !== undefined ? { ExecutionEnvironmentMemoryGiBPerVCpu: m.memoryGiBPerVcpu } : {}),
      ...(m.maxConcurrency !== undefined ? { PerExecutionEnvironmentMaxConcurrency: m.maxConcurrency } : {}),
    },
  };
}

/** GetFunctionConfiguration's LoggingConfig: the levels only in JSON format, as Lambda reports them. */
function loggingConfigOf(d: FunctionDefinition): Record<string, string> {
  const l = resolveLogging(d.name, d.logging, d.managedInstances !== undefined);
  return l.logFormat === 'JSON'
    ? {
        LogFormat: 'JSON',
        ApplicationLogLevel: l.applicationLogLevel,
        SystemLogLevel: l.systemLogLevel,
        LogGroup: l.logGroup,
      }
    : { LogFormat: 'Text', LogGroup: l.logGroup };
}

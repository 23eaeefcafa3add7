/** Lambda's platform log lines, and the per-invocation log tail (X-Amz-Log-Type: Tail). */

export const TAIL_BYTES = 4096;

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFields {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedMs: number;
  readonly memorySize: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs?: number;
  readonly status?: 'timeout' | 'error';
  readonly errorType?: string;
  /** Started for a debugger: no timeout applied (not a Lambda field; said so it is never mistaken for one). */
  readonly debug?: boolean;
  /**
   * Managed Instances: invocations the environment ran when this one ended (itself included), its peak and
   * its limit, named after the CloudWatch metrics ExecutionEnvironmentConcurrency and
   * ExecutionEnvironmentConcurrencyLimit. Not a field of AWS's REPORT: the local runtime adds it.
   */
  readonly concurrency?: { readonly inFlight: number; readonly peak: number; readonly limit: number };
}

/** The REPORT line, fields separated by a tab as in CloudWatch, Init Duration only on cold starts. */
export function reportLine(f: ReportFields): string {
  let line =
    `REPORT RequestId: ${f.requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\tBilled Duration: ${f.billedMs} ms\t` +
    `Memory Size: ${f.memorySize} MB\tMax Memory Used: ${f.maxMemoryUsedMb} MB`;
  if (f.initDurationMs !== undefined) line += `\tInit Duration: ${f.initDurationMs.toFixed(2)} ms`;
  if (f.status) line += `\tStatus: ${f.status}`;
  if (f.errorType) line += `\tError Type: ${f.errorType}`;
  if (f.debug) line += '\tDebug: timeout suspended';
  if (f.concurrency)
    line += `\tConcurrency: ${f.concurrency.inFlight} (peak ${f.concurrency.peak}, limit ${f.concurrency.limit})`;
  return line;
}

export interface InitReportFields {
  readonly durationMs: number;
  readonly phase: 'init' | 'invoke';
  readonly status: 'error' | 'timeout';
  readonly errorType?: string;
}

export function initReportLine(f: InitReportFields): string {
  let line = `INIT_REPORT Init Duration: ${f.durationMs.toFixed(2)} ms\tPhase: ${f.phase}\tStatus: ${f.status}`;
  if (f.errorType) line += `\tError Type: ${f.errorType}`;
  return line;
}

export function timeoutLine(requestId: string, seconds: number): string {
  return `${new Date().toISOString()} ${requestId} Task timed out after ${seconds.toFixed(2)} seconds`;
}

/** The error payload of a timed-out invoke (or INIT): `RequestId: … Error: Task timed out after N.NN seconds`. */
export function timeoutPayload(requestId: string | undefined, seconds: number): Buffer {
  const prefix = requestId === undefined ? '' : `RequestId: ${requestId} `;
  return Buffer.from(
    JSON.stringify({
      errorType: 'Sandbox.Timedout',
      errorMessage: `${prefix}Error: Task timed out after ${seconds.toFixed(2)} seconds`,
    }),
  );
}

/** Keeps the last 4 KB of one invocation's log lines, so Tail costs nothing when no one asks. */
export class LogTail {
  private lines: string[] = [];
  private bytes = 0;

  push(line: string): void {
    this.lines.push(line);
    this.bytes += line.length + 1;
    // Trim lazily: only once well past the limit, keeping enough lines to cover it.
    if (this.bytes > TAIL_BYTES * 4 && this.lines.length > 1) {
      while (this.lines.length > 1 && this.bytes - ((this.lines[0]?.length ?? 0) + 1) >= TAIL_BYTES) {
        this.bytes -= (this.lines.shift()?.length ?? 0) + 1;
      }
    }
  }

  /** Base64 of the last 4 KB, as X-Amz-Log-Result carries it. */
  toBase64(): string {
    const all = Buffer.from(`${this.lines.join('\n')}\n`, 'utf8');
    return (all.length > TAIL_BYTES ? all.subarray(all.length - TAIL_BYTES) : all).toString('base64');
  }
}

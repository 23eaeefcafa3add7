import type { Finding } from './checks';

const LABEL: Record<Finding['status'], string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };

/**
 * The findings as a plain-text table, with a closing verdict line.
 *
 * @example
 * process.stdout.write(formatFindings('lambda-reuse-lab-dev', findings));
 */
export function formatFindings(stack: string, findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((f) => f.check.length));
  const lines = findings.map((f) => `  ${LABEL[f.status]}  ${f.check.padEnd(width)}  ${f.message}`);
  const failed = findings.filter((f) => f.status === 'fail').length;
  const verdict =
    failed === 0
      ? `preflight passed: nothing here stops cdktf deploy of ${stack}`
      : `preflight failed: ${failed} check(s) would stop cdktf deploy of ${stack}; nothing was created`;
  return `preflight for ${stack}\n${lines.join('\n')}\n${verdict}\n`;
}

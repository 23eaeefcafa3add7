import { relative } from 'node:path';
import type { DevStack } from './dev-stack';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) =>
    `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

/**
 * The start-up summary a newcomer reads: endpoints (route -> function, runtime, memory, timeout),
 * where each service listens, what the stack holds that has no local meaning, and requests to try.
 * It holds no secret: neither the database password nor any SecureString value.
 *
 * @example
 * process.stdout.write(formatSummary(stack, { rootDir: process.cwd(), startedInMs: 2300 }));
 */
export function formatSummary(stack: DevStack, options: { rootDir: string; startedInMs: number }): string {
  const rel = (p: string): string => {
    const r = relative(options.rootDir, p);
    return r.startsWith('..') ? p : r;
  };
  const lines: string[] = [];
  lines.push('', `Local stack from ${rel(stack.stackFile)}`, '');
  lines.push(...modelLines(stack), '');
  lines.push(`Endpoints (HTTP API ${stack.urls.httpApi}, payload format 2.0)`);
  lines.push(
    ...table([
      ['ROUTE', 'FUNCTION', 'RUNTIME', 'MEMORY', 'TIMEOUT', 'RESERVED'],
      ...stack.endpoints.map((e) => [
        e.routeKey,
        e.shortName,
        e.runtime,
        `${e.memorySize} MB`,
        `${e.timeout} s`,
        e.reservedConcurrency === undefined ? '-' : String(e.reservedConcurrency),
      ]),
    ]),
  );
  if (stack.functionUrls.length > 0) {
    lines.push('', 'Function URLs (aws_lambda_function_url, on the HTTP API port under /_url/<function>/)');
    lines.push(
      ...table([
        ['URL', 'FUNCTION', 'INVOKE MODE', 'AUTH'],
        ...stack.functionUrls.map((u) => [
          u.url,
          u.shortName,
          u.invokeMode,
          u.authorizationType === 'AWS_IAM' ? 'AWS_IAM (not checked locally)' : 'NONE',
        ]),
      ]),
    );
  }
  const prefix = commonPrefix(stack.parameters.names);
  const db = stack.database;
  lines.push('', 'Services');
  lines.push(
    ...table([
      ['HTTP API', stack.urls.httpApi],
      ['Lambda API', `${stack.urls.lambda}  (Invoke API; environments at ${stack.urls.lambda}/_local/environments)`],
      ['Live view', `${stack.urls.liveView}  (open in a browser)`],
      [
        'SSM',
        `${stack.urls.ssm}  (${stack.parameters.names.length} parameters under ${prefix || '/'}; functions get AWS_ENDPOINT_URL_SSM)`,
      ],
      [
        'Secrets Manager',
        `${stack.urls.secretsManager}  (the database password for DB_SECRET_ARN; functions get AWS_ENDPOINT_URL_SECRETS_MANAGER)`,
      ],
      [
        'PostgreSQL',
        db.kind === 'embedded'
          ? `${db.host}:${db.port}  database ${db.database}, embedded, data in ${rel(db.dataDir ?? '')}`
          : `${db.host}:${db.port}  database ${db.database}, external (DATABASE_URL)`,
      ],
    ]),
  );
  if (stack.parameters.generated.length > 0) {
    lines.push(
      '',
      `Generated local values for ${stack.parameters.generated.join(', ')} (kept in .local/secrets.json, never printed)`,
    );
  }
  if (stack.parameters.restored.length > 0) {
    lines.push(
      '',
      `Restored local SSM changes to ${stack.parameters.restored.join(', ')} from ${rel(stack.parameters.file)} (--reset starts clean)`,
    );
  }
  if (stack.census.ignored.length > 0) {
    lines.push('', 'Not emulated (no local meaning, ignored):');
    lines.push(`  ${stack.census.ignored.map((r) => `${r.type} x${r.count}`).join(', ')}`);
  }
  for (const w of stack.warnings) lines.push('', `warning: ${w}`);
  const first = (key: string): string | undefined =>
    stack.endpoints.find((e) => e.routeKey === key)?.routeKey.split(' ')[1];
  const tries = [first('GET /hello'), first('GET /db'), first('GET /config')].filter(
    (p): p is string => p !== undefined,
  );
  const sample =
    tries.length > 0
      ? tries
      : stack.endpoints
          .filter((e) => !e.routeKey.includes('{') && e.routeKey !== '$default')
          .slice(0, 2)
          .map((e) => e.routeKey.split(' ')[1] ?? '/');
  lines.push('', 'Try:');
  for (const path of sample) lines.push(`  curl -s ${stack.urls.httpApi}${path}`);
  const lmiDemo = first('GET /hello/lmi');
  if (stack.lambdaMode === 'managed-instances' && lmiDemo !== undefined) {
    lines.push(
      `  seq 20 | xargs -P 20 -I{} sh -c 'curl -s "${stack.urls.httpApi}${lmiDemo}?holdMs=300"; echo'   # 20 at once: few instanceIds, peakInFlight above 1`,
    );
  } else {
    lines.push(
      `  seq 10 | xargs -P 10 -I{} sh -c 'curl -s ${stack.urls.httpApi}${sample[0] ?? '/'}; echo'   # 10 at once, one line each: new instanceIds appear`,
    );
  }
  lines.push(
    '',
    `Ready in ${(options.startedInMs / 1000).toFixed(1)} s. Lambda logs (START/END/REPORT) follow; Ctrl-C stops everything.`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

/** Which Lambda model runs, and for Managed Instances what was started ahead of traffic. */
function modelLines(stack: DevStack): string[] {
  if (stack.lambdaMode === 'classic') {
    return [
      'Lambda model: classic (one invocation per environment at a time; --lambda-mode managed-instances for LMI)',
    ];
  }
  const { minEnvironments, functions } = stack.managedInstances;
  return [
    `Lambda model: Managed Instances (LAMBDA_MODE=managed-instances): an environment serves many invocations at once,`,
    `  ${minEnvironments} environment(s) per function started ahead of traffic (AWS starts 3; --lmi-min-environments),`,
    '  more started on CPU use or saturation; past capacity an invoke is throttled (429)',
    ...table([
      ['FUNCTION', 'ENVIRONMENTS', 'MAX CONCURRENCY', 'WORKERS'],
      ...functions.map((f) => [
        f.shortName,
        String(f.environments),
        `${f.maxConcurrency} per environment`,
        String(f.workers),
      ]),
    ]),
  ];
}

function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0] ?? '';
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}

import type { SmokeAnswer, SmokeGet } from './http';

/** One line of the smoke table. */
export interface SmokeRow {
  readonly check: string;
  readonly expected: string;
  readonly seen: string;
  readonly ok: boolean;
}

/** A check asks the stack and says what it expected and what it saw. */
export interface SmokeCheck {
  readonly name: string;
  readonly expected: string;
  run(get: SmokeGet): Promise<{ seen: string; ok: boolean }>;
}

/** How many calls each check makes. */
export const smokeDefaults = {
  sequential: 5,
  concurrent: 10,
  dbCalls: 3,
  configCalls: 3,
  /** The breaker opens after BREAKER_VOLUME_THRESHOLD calls (3 by default) at 50% failures; this bounds the wait. */
  maxFailures: 10,
} as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const distinct = (values: readonly unknown[]): unknown[] => [...new Set(values)];

async function sequence(get: SmokeGet, path: string, n: number): Promise<SmokeAnswer[]> {
  const answers: SmokeAnswer[] = [];
  for (let i = 0; i < n; i += 1) answers.push(await get(path));
  return answers;
}

/** Answers that were not 200, as `404 x2` for the seen column, or '' when all were. */
function statuses(answers: readonly SmokeAnswer[]): string {
  const bad = answers.filter((a) => a.status !== 200).map((a) => a.status);
  return bad.length === 0 ? '' : `HTTP ${distinct(bad).join('/')} on ${bad.length} of ${answers.length}; `;
}

/**
 * The claims the project makes about reuse, each as a check against a running stack's HTTP API.
 * Order matters: the sequential hello check runs before the concurrent one, and the breaker last
 * (it leaves the breaker open for BREAKER_RESET_MS).
 *
 * @example
 * for (const check of smokeChecks()) console.log(check.name, await check.run(get));
 */
export function smokeChecks(o: typeof smokeDefaults = smokeDefaults): SmokeCheck[] {
  // Instance ids seen by the sequential hello check, so the concurrent one can tell new ones.
  const seenInstances = new Set<string>();
  return [
    {
      name: 'hello: sequential calls reuse one environment',
      expected: `1 instanceId over ${o.sequential} calls, invocation counting up`,
      async run(get) {
        const answers = await sequence(get, '/hello', o.sequential);
        const ids = distinct(answers.map((a) => str(a.body.instanceId)));
        for (const id of ids) seenInstances.add(str(id));
        const invocations = answers.map((a) => Number(a.body.invocation));
        const counting = invocations.every((n, i) => i === 0 || n === (invocations[i - 1] ?? 0) + 1);
        return {
          seen: `${statuses(answers)}${ids.length} instanceId(s), invocation ${invocations.join(',')}`,
          ok: statuses(answers) === '' && ids.length === 1 && counting,
        };
      },
    },
    {
      name: `hello: ${o.concurrent} concurrent calls start new environments`,
      expected: '> 1 instanceId, some not seen before',
      async run(get) {
        // A /hello answers in about a millisecond: on a loaded client, a burst can be sent slower than it
        // is served, and one environment then answers all of it, which says nothing against the claim.
        // So up to three bursts, each twice the last; the first that overlaps settles it.
        let seen = '';
        for (let burst = o.concurrent, attempt = 1; attempt <= 3; attempt += 1, burst *= 2) {
          const answers = await Promise.all(Array.from({ length: burst }, () => get('/hello')));
          const ids = distinct(answers.map((a) => str(a.body.instanceId)));
          const fresh = ids.filter((id) => !seenInstances.has(str(id))).length;
          seen = `${statuses(answers)}${ids.length} instanceId(s), ${fresh} new (burst ${attempt} of ${burst})`;
          if (statuses(answers) !== '') return { seen, ok: false };
          if (ids.length > 1 && fresh > 0) return { seen, ok: true };
        }
        return { seen, ok: false };
      },
    },
    {
      name: 'db: the pooled connection is reused',
      expected: `1 backendPid over ${o.dbCalls} calls from one instance`,
      async run(get) {
        const answers = await sequence(get, '/db', o.dbCalls);
        const pids = answers.map((a) => a.body.backendPid);
        const instances = distinct(answers.map((a) => a.body.instanceId)).length;
        return {
          seen: `${statuses(answers)}backendPid ${pids.join(',')} from ${instances} instance(s)`,
          ok: statuses(answers) === '' && instances === 1 && distinct(pids).length === 1 && typeof pids[0] === 'number',
        };
      },
    },
    {
      name: 'db/naive: a new connection per call',
      expected: `${o.dbCalls} backendPids over ${o.dbCalls} calls, no pool`,
      async run(get) {
        const answers = await sequence(get, '/db/naive', o.dbCalls);
        const pids = answers.map((a) => a.body.backendPid);
        return {
          seen: `${statuses(answers)}backendPid ${pids.join(',')}`,
          ok:
            statuses(answers) === '' &&
            distinct(pids).length === o.dbCalls &&
            pids.every((p) => typeof p === 'number') &&
            answers.every((a) => a.body.pool === null),
        };
      },
    },
    {
      name: 'config: served from memory',
      expected: `ssmCallsTotal unchanged over ${o.configCalls} calls from one instance`,
      async run(get) {
        const answers = await sequence(get, '/config', o.configCalls);
        const calls = answers.map((a) => a.body.ssmCallsTotal);
        const instances = distinct(answers.map((a) => a.body.instanceId)).length;
        const loadedAt = distinct(answers.map((a) => a.body.loadedAt)).length;
        return {
          seen: `${statuses(answers)}ssmCallsTotal ${calls.join(',')}, ${loadedAt} load(s), ${instances} instance(s)`,
          ok:
            statuses(answers) === '' &&
            instances === 1 &&
            distinct(calls).length === 1 &&
            typeof calls[0] === 'number' &&
            loadedAt === 1,
        };
      },
    },
    {
      name: 'config/naive: fetched on every call',
      expected: 'mode naive, ssmCallsThisRequest >= 1 and a fresh load on each call',
      async run(get) {
        const answers = await sequence(get, '/config/naive', 2);
        const calls = answers.map((a) => a.body.ssmCallsThisRequest);
        return {
          seen: `${statuses(answers)}ssmCallsThisRequest ${calls.join(',')}, ageMs ${answers.map((a) => a.body.ageMs).join(',')}`,
          ok:
            statuses(answers) === '' &&
            answers.every((a) => a.body.mode === 'naive' && Number(a.body.ssmCallsThisRequest) >= 1) &&
            distinct(answers.map((a) => a.body.loadedAt)).length === answers.length,
        };
      },
    },
    {
      name: 'breaker: closed, reads the database',
      expected: 'state closed, not from the fallback',
      async run(get) {
        const { status, body } = await get('/breaker');
        return {
          seen: `HTTP ${status}, state ${str(body.state)}, fromFallback ${str(body.fromFallback)}`,
          ok: status === 200 && body.state === 'closed' && body.fromFallback === false,
        };
      },
    },
    {
      name: 'breaker: opens on ?fault=fail',
      expected: `open within ${o.maxFailures} failures, then EOPENBREAKER from the fallback`,
      async run(get) {
        let failures = 0;
        let state = '';
        const instances = new Set<string>();
        while (failures < o.maxFailures && state !== 'open') {
          const { body } = await get('/breaker?fault=fail');
          instances.add(str(body.instanceId));
          state = str(body.state);
          failures += 1;
        }
        const after = await get('/breaker');
        instances.add(str(after.body.instanceId));
        const reason = str((after.body.result as { reason?: unknown } | undefined)?.reason);
        return {
          seen: `${state === 'open' ? `open after ${failures}` : `still ${state} after ${failures}`} failure(s); next: ${reason}; ${instances.size} instance(s)`,
          ok: state === 'open' && after.body.fromFallback === true && reason === 'EOPENBREAKER',
        };
      },
    },
  ];
}

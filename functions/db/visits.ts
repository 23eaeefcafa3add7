/** Runs one statement and returns its rows; `idempotent` says whether it may be retried. */
export type Sql = (text: string, values: unknown[], idempotent: boolean) => Promise<Record<string, unknown>[]>;

const createTable = `CREATE TABLE IF NOT EXISTS visits (
  id uuid PRIMARY KEY,
  instance_id text NOT NULL,
  mode text NOT NULL,
  visited_at timestamptz NOT NULL DEFAULT now()
)`;

/** SQLSTATEs two environments racing on CREATE TABLE IF NOT EXISTS can hit; the table exists either way. */
const createRaceStates = new Set(['23505', '42P07']);

async function ensureVisitsTable(sql: Sql): Promise<void> {
  try {
    await sql(createTable, [], true);
  } catch (err) {
    if (!createRaceStates.has(String((err as { code?: unknown }).code))) throw err;
  }
}

/** Module scope: one per process, so one per execution environment. */
let tableReady: Promise<void> | undefined;

/**
 * Creates the visits table if missing, once per environment: later calls share the first one's
 * result. A failure is forgotten, so the next invocation tries again.
 *
 * @example
 * await ensureVisitsTableOnce(sql);
 * await recordVisit(sql, { id: randomUUID(), instanceId: instance.id, mode: 'reuse' });
 */
export function ensureVisitsTableOnce(sql: Sql): Promise<void> {
  tableReady ??= ensureVisitsTable(sql).catch((err: unknown) => {
    tableReady = undefined;
    throw err;
  });
  return tableReady;
}

export interface Visit {
  /** Idempotency key: a retried INSERT with the same id records one visit. */
  id: string;
  instanceId: string;
  mode: 'reuse' | 'naive';
}

/** Records a visit and returns the total and the server process that served the connection. */
export async function recordVisit(sql: Sql, visit: Visit): Promise<{ visits: number; backendPid: number }> {
  await sql(
    'INSERT INTO visits (id, instance_id, mode) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
    [visit.id, visit.instanceId, visit.mode],
    true,
  );
  const [row] = await sql('SELECT count(*)::int AS visits, pg_backend_pid() AS backend_pid FROM visits', [], true);
  if (!row) throw new Error('count query returned no row');
  return { visits: Number(row.visits), backendPid: Number(row.backend_pid) };
}

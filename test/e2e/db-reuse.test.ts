import { cleanup, getJson, snapshotStack, startStack, tempDir } from './support';

interface Db {
  visits: number;
  backendPid: number;
  instanceId: string;
}

describe('npm start serves /db from the embedded PostgreSQL', () => {
  afterAll(() => cleanup());

  it('keeps one backendPid per instance across warm calls, and the visits survive a restart', async () => {
    // Prepare: the embedded PostgreSQL with a data folder of its own, used by both runs.
    const stackFile = await snapshotStack();
    const pgDataDir = tempDir('lrl-e2e-db-pg-');
    const first = await startStack({ stackFile, pgDataDir });
    let before: Db[];
    try {
      // Act
      before = [];
      for (let i = 0; i < 5; i += 1) {
        const { status, body } = await getJson<Db>(`${first.httpApi}/db`);
        expect(status).toBe(200);
        before.push(body);
      }
    } finally {
      await first.stop('SIGTERM');
    }
    const second = await startStack({ stackFile, pgDataDir });
    let after: Db;
    try {
      after = (await getJson<Db>(`${second.httpApi}/db`)).body;
    } finally {
      await second.stop('SIGTERM');
    }
    // Assess
    expect(new Set(before.map((b) => b.instanceId)).size).toBe(1);
    expect(new Set(before.map((b) => b.backendPid)).size).toBe(1);
    expect(before.map((b) => b.visits)).toEqual([1, 2, 3, 4, 5]);
    expect(after.instanceId).not.toBe(before[0]?.instanceId);
    expect(after.visits).toBe(6);
  });
});

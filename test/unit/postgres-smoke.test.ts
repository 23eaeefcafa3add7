import { Client } from 'pg';

describe('test PostgreSQL server', () => {
  it('accepts a SCRAM login on 127.0.0.1 from the URL the global setup exports', async () => {
    // Prepare
    const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    // Act
    await client.connect();
    const { rows } = await client.query<{ one: number }>('select 1 as one');
    await client.end();
    // Assess
    expect(rows[0]?.one).toBe(1);
  });
});

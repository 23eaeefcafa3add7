import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

function eventCli(args: readonly string[]) {
  return spawnSync(require.resolve('node/bin/node'), ['--import', 'tsx', 'local/cli/event.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm run event', () => {
  it('writes the payload 2.0 event the HTTP API would build for the request', () => {
    // Act
    const run = eventCli(['http', '--path', '/hello?a=1&a=2', '--method', 'post', '--body', '{"n":1}']);
    // Assess
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      version: '2.0',
      routeKey: 'POST /hello',
      rawPath: '/hello',
      rawQueryString: 'a=1&a=2',
      queryStringParameters: { a: '1,2' },
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'http' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/hello', protocol: 'HTTP/1.1' }, routeKey: 'POST /hello' },
    });
  });

  it('writes to --out instead of stdout, with no body when none is given', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'lrl-event-'));
    try {
      // Act
      const run = eventCli(['http', '--path', '/hello', '--out', join(dir, 'e.json')]);
      // Assess
      const event = JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8'));
      expect(run.stdout).toBe('');
      expect(event.routeKey).toBe('GET /hello');
      expect(event).not.toHaveProperty('body');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on an unknown kind, a missing --path or a bad method', () => {
    // Act
    const runs = [['sqs', '--path', '/x'], ['http'], ['http', '--path', '/x', '--method', 'FETCH']].map(eventCli);
    // Assess
    expect(runs.map((r) => r.status)).toEqual([2, 2, 2]);
    expect(runs[0]?.stderr).toContain('<kind> is "sqs"; allowed: http');
    expect(runs[1]?.stderr).toContain('--path is required');
    expect(runs[2]?.stderr).toContain('--method is "FETCH"; allowed: GET, POST');
  });
});

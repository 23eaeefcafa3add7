import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

/** What the mock of AWS Lambda's control plane answers to GetAccountSettings. */
type MockAnswer = { status: 200; concurrent: number; unreserved: number } | { status: 403; errorType: string };

/**
 * A mock of AWS Lambda's GetAccountSettings endpoint (`GET /2016-08-19/account-settings`): AWS itself cannot be
 * reached here. The real @aws-sdk/client-lambda in the preflight is pointed at it with AWS_ENDPOINT_URL_LAMBDA.
 */
class MockLambdaAccountSettings {
  answer: MockAnswer = { status: 200, concurrent: 1000, unreserved: 1000 };
  readonly requests: { method?: string; url?: string; signed: boolean }[] = [];
  private readonly server: Server = createServer((req: IncomingMessage, res) => {
    this.requests.push({
      method: req.method,
      url: req.url,
      signed: /^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? ''),
    });
    if (req.method !== 'GET' || req.url !== '/2016-08-19/account-settings') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"Message":"mock: unknown route"}');
      return;
    }
    const a = this.answer;
    if (a.status === 403) {
      res
        .writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': a.errorType })
        .end(JSON.stringify({ Message: 'mock: not authorized to perform lambda:GetAccountSettings' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        AccountLimit: {
          CodeSizeUnzipped: 262144000,
          CodeSizeZipped: 52428800,
          ConcurrentExecutions: a.concurrent,
          TotalCodeSize: 80530636800,
          UnreservedConcurrentExecutions: a.unreserved,
        },
        AccountUsage: { FunctionCount: 0, TotalCodeSize: 0 },
      }),
    );
  });

  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** A mock of the Terraform (or OpenTofu) CLI: a shell script that prints `version -json` output and nothing else. */
function writeMockCli(dir: string, name: string, version: string): void {
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify({ terraform_version: version, platform: 'linux_amd64', provider_selections: {} });
  writeFileSync(join(dir, name), `#!/bin/sh\n[ "$1 $2" = "version -json" ] || exit 2\nprintf '%s\\n' '${json}'\n`);
  chmodSync(join(dir, name), 0o755);
}

describe('npm run preflight (against a mock of AWS Lambda and a mock terraform)', () => {
  const lambda = new MockLambdaAccountSettings();
  let endpoint: string;
  let work: string;
  beforeAll(async () => {
    endpoint = await lambda.start();
    mkdirSync(join(repoRoot, 'test', 'artifacts'), { recursive: true });
    work = mkdtempSync(join(repoRoot, 'test', 'artifacts', 'preflight-'));
    writeMockCli(join(work, 'tf-1.11'), 'terraform', '1.11.4');
    writeMockCli(join(work, 'tf-1.10'), 'terraform', '1.10.5');
    writeMockCli(join(work, 'tofu-1.11'), 'tofu', '1.11.0');
    mkdirSync(join(work, 'no-cli'));
  });
  afterAll(async () => {
    await lambda.stop();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => {
    lambda.requests.length = 0;
    lambda.answer = { status: 200, concurrent: 1000, unreserved: 1000 };
  });

  /** Runs the real preflight script in a child process with a clean environment: no profile, no instance role. */
  function preflight(
    options: { path?: string; credentials?: boolean; env?: Record<string, string> } = {},
  ): Promise<{ code: number; stdout: string }> {
    const env: Record<string, string> = {
      HOME: work,
      PATH: join(work, options.path ?? 'tf-1.11'),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
      AWS_CONFIG_FILE: join(work, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(options.credentials === false
        ? {}
        : { AWS_ACCESS_KEY_ID: 'AKIAMOCKMOCKMOCKMOCK', AWS_SECRET_ACCESS_KEY: 'mock-secret-not-real' }),
      ...options.env,
    };
    return new Promise((done) => {
      execFile(
        process.execPath,
        [require.resolve('tsx/cli'), 'scripts/preflight.ts'],
        { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 },
        (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });
  }

  it('passes on a default account with Terraform 1.11, after one signed GetAccountSettings call', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 1000, unreserved: 1000 };
    // Act
    const { code, stdout } = await preflight();
    // Assess
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringContaining('preflight passed') });
    expect(stdout).toContain('reservations fit: Σ reserved 50 + 100 unreserved <= 1000');
    expect(stdout).toContain('terraform 1.11.4');
    expect(lambda.requests).toEqual([{ method: 'GET', url: '/2016-08-19/account-settings', signed: true }]);
  });

  it('fails on a quota of 10 with the default setting and says to set ACCOUNT_CONCURRENCY=10', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 10, unreserved: 10 };
    // Act
    const { code, stdout } = await preflight();
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+concurrency\s+the account's concurrency quota is 10, but the reservations need 150/);
    expect(stdout).toContain('Set ACCOUNT_CONCURRENCY=10');
  });

  it('passes on a quota of 10 once ACCOUNT_CONCURRENCY=10, the budget holding without reservations', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 10, unreserved: 10 };
    // Act
    const { code, stdout } = await preflight({ env: { ACCOUNT_CONCURRENCY: '10' } });
    // Assess
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringContaining('preflight passed') });
    expect(stdout).toContain('at quota 10: at most 30 connections + headroom 10 <= max_connections 81');
  });

  it('fails when ACCOUNT_CONCURRENCY understates the quota while reservations are dropped', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 20, unreserved: 20 };
    // Act
    const { code, stdout } = await preflight({ env: { ACCOUNT_CONCURRENCY: '10' } });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toContain("ACCOUNT_CONCURRENCY=10 is below the account's quota 20");
  });

  it('fails on a quota of 50, where unreserved database functions could exhaust the database', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 50, unreserved: 50 };
    // Act
    const { code, stdout } = await preflight({ env: { ACCOUNT_CONCURRENCY: '50' } });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+connections\s+at quota 50: connection budget exceeded without reservations/);
  });

  it('warns when other functions already reserve so much that these reservations would be refused', async () => {
    // Prepare
    lambda.answer = { status: 200, concurrent: 1000, unreserved: 120 };
    // Act
    const { code, stdout } = await preflight();
    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/WARN\s+concurrency\s+other functions already reserve 880 of 1000/);
  });

  it('fails on Terraform 1.10, which cannot apply write-only value_wo', async () => {
    // Prepare
    const path = 'tf-1.10';
    // Act
    const { code, stdout } = await preflight({ path });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+terraform\s+terraform 1\.10\.5 is older than 1\.11\.0/);
  });

  it('accepts OpenTofu 1.11 and says cdktf needs TERRAFORM_BINARY_NAME=tofu', async () => {
    // Prepare
    const path = 'tofu-1.11';
    // Act
    const { code, stdout } = await preflight({ path });
    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('tofu 1.11.0; cdktf runs it only with TERRAFORM_BINARY_NAME=tofu set');
  });

  it('fails when neither terraform nor tofu is on PATH', async () => {
    // Prepare
    const path = 'no-cli';
    // Act
    const { code, stdout } = await preflight({ path });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+terraform\s+no Terraform CLI \(terraform: not on PATH; tofu: not on PATH\)/);
  });

  it('fails without credentials, before calling AWS', async () => {
    // Prepare
    const credentials = false;
    // Act
    const { code, stdout } = await preflight({ credentials });
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+credentials\s+no AWS credentials found/);
    expect(lambda.requests).toEqual([]);
  });

  it("fails naming AWS's error when the credentials may not call GetAccountSettings", async () => {
    // Prepare
    lambda.answer = { status: 403, errorType: 'AccessDeniedException' };
    // Act
    const { code, stdout } = await preflight();
    // Assess
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+credentials\s+Lambda GetAccountSettings failed in us-east-1: AccessDeniedException/);
  });
});

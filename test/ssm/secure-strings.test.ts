import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import {
  loadLocalSecrets,
  type RunningSsmServer,
  SecretsFileError,
  seedParameters,
  startSsmServer,
} from '../../local/ssm/index';
import { localSsmClient } from './client';

const secret = 'pa55-Very-Secret-Value';

describe('local SSM endpoint, SecureString values', () => {
  let ssm: RunningSsmServer;
  let client: SSMClient;
  const logLines: string[] = [];
  beforeEach(async () => {
    logLines.length = 0;
    ssm = await startSsmServer({
      port: 0,
      parameters: [
        { name: '/lab/dev/db/password', type: 'SecureString', value: secret },
        { name: '/lab/dev/db/host', type: 'String', value: '127.0.0.1' },
      ],
      log: (line) => logLines.push(line),
    });
    client = localSsmClient(ssm.url);
  });
  afterEach(async () => {
    client.destroy();
    await ssm.stop();
  });

  it('returns the plaintext only with WithDecryption, and a ciphertext blob otherwise', async () => {
    // Act
    const hidden = await client.send(new GetParameterCommand({ Name: '/lab/dev/db/password' }));
    const shown = await client.send(new GetParameterCommand({ Name: '/lab/dev/db/password', WithDecryption: true }));
    // Assess
    expect(shown.Parameter?.Value).toBe(secret);
    expect(hidden.Parameter?.Type).toBe('SecureString');
    expect(hidden.Parameter?.Value).not.toContain(secret);
    expect(hidden.Parameter?.Value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(hidden.Parameter?.Value ?? '', 'base64').toString('latin1')).not.toContain(secret);
  });

  it('keeps the plaintext out of GetParameters and GetParametersByPath without decryption', async () => {
    // Act
    const many = await client.send(new GetParametersCommand({ Names: ['/lab/dev/db/password', '/lab/dev/db/host'] }));
    const byPath = await client.send(new GetParametersByPathCommand({ Path: '/lab/dev/db' }));
    const byPathDecrypted = await client.send(
      new GetParametersByPathCommand({ Path: '/lab/dev/db', WithDecryption: true }),
    );
    // Assess
    expect(JSON.stringify(many.Parameters)).not.toContain(secret);
    expect(JSON.stringify(byPath.Parameters)).not.toContain(secret);
    expect(byPathDecrypted.Parameters?.find((p) => p.Name === '/lab/dev/db/password')?.Value).toBe(secret);
  });

  it('logs one line per call with operation, name and status, and never a value', async () => {
    // Act
    await client.send(new GetParameterCommand({ Name: '/lab/dev/db/password', WithDecryption: true }));
    await client.send(
      new PutParameterCommand({
        Name: '/lab/dev/db/password',
        Value: `${secret}-2`,
        Type: 'SecureString',
        Overwrite: true,
      }),
    );
    await client
      .send(new PutParameterCommand({ Name: '/lab/dev/db/password', Value: `${secret}-3`, Type: 'SecureString' }))
      .catch(() => undefined);
    await client.send(new GetParameterCommand({ Name: '/lab/dev/none' })).catch(() => undefined);
    // Assess
    expect(logLines).toEqual([
      'SSM GetParameter /lab/dev/db/password 200',
      'SSM PutParameter /lab/dev/db/password 200',
      'SSM PutParameter /lab/dev/db/password 400 ParameterAlreadyExists',
      'SSM GetParameter /lab/dev/none 400 ParameterNotFound',
    ]);
    expect(logLines.join('\n')).not.toContain(secret);
  });

  it('keeps the plaintext out of an error about a value that breaks AllowedPattern', async () => {
    // Act
    const error = await client
      .send(
        new PutParameterCommand({
          Name: '/lab/dev/pin',
          Value: secret,
          Type: 'SecureString',
          AllowedPattern: '^\\d+$',
        }),
      )
      .catch((e: unknown) => e);
    // Assess
    expect((error as Error).name).toBe('ParameterPatternMismatchException');
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as Error).message).not.toContain(secret);
  });

  it('shows no value when the store itself is printed', () => {
    // Act
    const printed = require('node:util').inspect(ssm.store, { depth: 10, showHidden: true }) as string;
    // Assess
    expect(printed).not.toContain(secret);
    expect(JSON.stringify(ssm.store)).not.toContain(secret);
  });
});

describe('local SSM endpoint found through AWS_ENDPOINT_URL_SSM', () => {
  it('serves an SSMClient in a child process that only has the endpoint in its environment', async () => {
    // Prepare
    const ssm = await startSsmServer({
      port: 0,
      parameters: [{ name: '/lab/dev/app/message', type: 'String', value: 'via env' }],
    });
    const script = `
      const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');
      new SSMClient({}).send(new GetParameterCommand({ Name: '/lab/dev/app/message' }))
        .then((o) => { process.stdout.write(o.Parameter.Value); }, (e) => { process.stderr.write(String(e)); process.exit(1); });
    `;
    try {
      // Act
      const child = spawn(require.resolve('node/bin/node'), ['-e', script], {
        cwd: join(__dirname, '..', '..'),
        env: {
          PATH: process.env.PATH ?? '',
          AWS_ENDPOINT_URL_SSM: ssm.url,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_MAX_ATTEMPTS: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      // Assess
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toBe('via env');
    } finally {
      await ssm.stop();
    }
  });
});

describe('local secrets file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lrl-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a value for each missing SecureString, writes it 0600 and reuses it next time', async () => {
    // Prepare
    const file = join(dir, 'nested', 'secrets.json');
    // Act
    const first = await loadLocalSecrets({ file, names: ['/lab/dev/db/password'] });
    const second = await loadLocalSecrets({ file, names: ['/lab/dev/db/password'] });
    // Assess
    expect(first.generated).toEqual(['/lab/dev/db/password']);
    expect(second.generated).toEqual([]);
    expect(second.values.get('/lab/dev/db/password')).toBe(first.values.get('/lab/dev/db/password'));
    expect((first.values.get('/lab/dev/db/password') ?? '').length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fails on a malformed file naming the file but quoting none of its content', async () => {
    // Prepare
    const file = join(dir, 'secrets.json');
    writeFileSync(file, `{"/lab/dev/db/password": "${secret}",,}`);
    // Act
    const error = await loadLocalSecrets({ file, names: ['/lab/dev/db/password'] }).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(SecretsFileError);
    expect((error as SecretsFileError).code).toBe('ESECRETSFILE');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('seeds SecureStrings from the file, Strings from the stack, and lets overrides win', async () => {
    // Prepare
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ '/lab/dev/db/password': secret }));
    const declared = [
      { name: '/lab/dev/db/password', type: 'SecureString' as const, value: undefined },
      { name: '/lab/dev/db/host', type: 'String' as const, value: 'db.example' },
      { name: '/lab/dev/db/port', type: 'String' as const, value: undefined },
      { name: '/lab/dev/db/url', type: 'SecureString' as const, value: undefined },
    ];
    // Act
    const seeded = await seedParameters({
      declared,
      secretsFile: file,
      overrides: [
        { name: '/lab/dev/db/url', type: 'SecureString', value: 'postgres://local' },
        { name: '/lab/dev/extra', type: 'String', value: 'e' },
      ],
    });
    // Assess
    expect(seeded.parameters).toEqual([
      { name: '/lab/dev/db/password', type: 'SecureString', value: secret },
      { name: '/lab/dev/db/host', type: 'String', value: 'db.example' },
      { name: '/lab/dev/db/url', type: 'SecureString', value: 'postgres://local' },
      { name: '/lab/dev/extra', type: 'String', value: 'e' },
    ]);
    expect(seeded.missing).toEqual(['/lab/dev/db/port']);
    expect(seeded.generated).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ '/lab/dev/db/password': secret });
  });
});

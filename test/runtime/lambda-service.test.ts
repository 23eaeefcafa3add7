import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveLocalLambda } from '../../local/lambda-service';
import { InvalidOptionError } from '../../local/runtime';
import { cacheDir, fixture, pidAlive, serveRuntime } from './support';

describe('serveLocalLambda', () => {
  it('refuses to start with neither a stack file nor functions, naming both', async () => {
    // Act
    const err = await serveLocalLambda({ port: 0, cacheDir }).catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect(err).toMatchObject({ code: 'EINVALIDOPTION' });
    expect((err as Error).message).toContain('stackFile|functions');
  });

  it('checks the listener options before it loads the stack', async () => {
    // Act: the stack file does not exist, so only an options check that comes first answers EINVALIDOPTION.
    const err = await serveLocalLambda({ stackFile: '/nonexistent/cdk.tf.json', port: 70_000, cacheDir }).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(err).toMatchObject({ code: 'EINVALIDOPTION' });
    expect((err as Error).message).toContain('port');
  });

  it('stops the runtime it started when the port is taken', async () => {
    // Prepare
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'serve-')), 'marker');
    try {
      // Act
      const err = await serveRuntime(
        [fixture('sigterm', { provisionedConcurrency: 1, environment: { MARKER_FILE: marker } })],
        {
          port,
        },
      ).catch((e: unknown) => e);
      // Assess: the provisioned environment got SHUTDOWN's SIGTERM, and its process is gone.
      expect(err).toMatchObject({ code: 'EADDRINUSE' });
      const [, pid] = fs.readFileSync(marker, 'utf8').split(' ');
      expect(pidAlive(Number(pid))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('serves the Invoke API for the runtime until stop, which ends both', async () => {
    // Prepare
    const service = await serveRuntime([fixture('echo')]);
    const invoke = () =>
      fetch(`${service.url}/2015-03-31/functions/echo/invocations`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
    const { pid } = (await (await invoke()).json()) as { pid: number };
    // Act
    await service.stop();
    const after = await invoke().catch((e: unknown) => e);
    // Assess
    expect(String(after)).toContain('fetch failed');
    expect(pidAlive(pid)).toBe(false);
    expect(service.runtime.environments()).toEqual([]);
  });
});

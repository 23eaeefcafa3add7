import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body of at most `maxBytes`. A larger one (by its content-length or by what arrives)
 * resolves to `'tooLarge'` once it has been drained, so each server answers in its own words and the
 * client is not cut off mid-upload; past the limit nothing is kept. Rejects if the request errors.
 *
 * @example
 * const body = await readBody(req, 1024 * 1024);
 * if (body === 'tooLarge') return send(res, 413, ...);
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length']) > maxBytes;
    // Events, not `for await`: the Invoke API reads every payload through here.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(tooLarge ? 'tooLarge' : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
    );
    req.once('error', reject);
  });
}

import { crc32 } from 'node:zlib';

/**
 * Encodes one message of the `application/vnd.amazon.eventstream` framing the SDK decodes:
 * total length, headers length, prelude CRC32, the headers (all string-typed here), the payload,
 * the message CRC32, all big-endian ("Event stream encoding", the AWS SDKs' eventstream codec).
 * Written here rather than imported: @smithy/eventstream-codec is not a package of this install
 * (the SDK bundles it inside @smithy/core), and the format is these few lines.
 *
 * @example
 * res.write(encodeMessage({ ':message-type': 'event', ':event-type': 'PayloadChunk' }, chunk));
 */
export function encodeMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
    h.writeUInt8(n.length, 0);
    n.copy(h, 1);
    // Header value type 7: a string, with a two-byte length.
    h.writeUInt8(7, 1 + n.length);
    h.writeUInt16BE(v.length, 2 + n.length);
    v.copy(h, 4 + n.length);
    parts.push(h);
  }
  const headerBytes = Buffer.concat(parts);
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  message.set(payload, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** A `PayloadChunk` event of InvokeWithResponseStream: raw bytes of the function's stream. */
export function payloadChunk(data: Uint8Array): Buffer {
  return encodeMessage(
    { ':event-type': 'PayloadChunk', ':message-type': 'event', ':content-type': 'application/octet-stream' },
    data,
  );
}

/** The `InvokeComplete` event that ends InvokeWithResponseStream's stream. */
export function invokeComplete(fields: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string }): Buffer {
  return encodeMessage(
    { ':event-type': 'InvokeComplete', ':message-type': 'event', ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(fields)),
  );
}

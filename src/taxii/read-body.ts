import type { Context } from 'hono';
import { ParleyError } from '../errors.ts';

/**
 * Reads a request body of at most `max` bytes: a declared Content-Length above it is refused before reading,
 * and a body that streams past it (chunked, or lying about its length) is refused as soon as it does. The bytes
 * are a fresh, unshared buffer, so they can be transferred to a worker thread without a copy.
 */
export async function readBodyBytes(c: Context, max: number): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) {
    throw new ParleyError('PAYLOAD_TOO_LARGE', `the body (${declared} bytes) exceeds max_content_length ${max}`);
  }
  // With a declared length (enforced by Node's HTTP parser) read the IncomingMessage itself, much cheaper than the
  // Web stream around it; chunked bodies go through the Web stream, which the adapter can cancel cleanly on 413.
  const incoming = declared === undefined ? undefined : (c.env as { incoming?: AsyncIterable<Uint8Array> } | undefined)?.incoming;
  const source: AsyncIterable<Uint8Array> | undefined = incoming ?? webStream(c.req.raw.body);
  if (!source) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > max) throw new ParleyError('PAYLOAD_TOO_LARGE', `the body exceeds max_content_length ${max}`);
    chunks.push(chunk);
  }
  // Not Buffer.concat: it may hand out a slice of Node's shared pool, which must not be transferred.
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

async function* webStream(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel();
  }
}

import type { Context } from 'hono';
import { ParleyError } from '../errors.ts';

/**
 * Reads a request body of at most `max` bytes: a declared Content-Length above it is refused before reading,
 * and a body that streams past it (chunked, or lying about its length) is refused as soon as it does.
 */
export async function readBody(c: Context, max: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) {
    throw new ParleyError('PAYLOAD_TOO_LARGE', `the body (${declared} bytes) exceeds max_content_length ${max}`);
  }
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ParleyError('PAYLOAD_TOO_LARGE', `the body exceeds max_content_length ${max}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

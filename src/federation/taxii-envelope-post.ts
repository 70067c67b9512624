import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DeliveryTarget } from './delivery-transport.ts';

const TAXII = 'application/taxii+json;version=2.1';

/** What a recipient's inbox answered: the HTTP status and the parsed body (undefined when not JSON). */
export interface EnvelopeAnswer {
  status: number;
  body: unknown;
}

/**
 * POSTs one TAXII envelope to a party's inbox collection; network errors and timeouts reject. node:http with Node's
 * keep-alive global agents, not fetch: fetch's streams cost more per request, and the sender's event loop carries every
 * step of a message's round trip (bench/hotline.ts; figures in docs/hotline-cli.md). Redirects are not followed.
 */
export async function postEnvelope(target: DeliveryTarget, objects: readonly unknown[], signal?: AbortSignal, timeoutMs = 15_000): Promise<EnvelopeAnswer> {
  const base = target.apiRoot.endsWith('/') ? target.apiRoot : `${target.apiRoot}/`;
  const url = new URL(`${base}collections/${encodeURIComponent(target.inboxCollection)}/objects/`);
  const authorization = target.credentials.kind === 'basic'
    ? `Basic ${Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString('base64')}`
    : `Bearer ${target.credentials.token}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  const body = Buffer.from(JSON.stringify({ objects }));
  const options = {
    method: 'POST',
    // With a declared length the recipient reads the body straight from the request (read-body.ts), not chunked.
    headers: { 'content-type': TAXII, accept: TAXII, authorization, 'content-length': body.length },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  };
  const send = () => new Promise<EnvelopeAnswer>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => readAnswer(res).then(resolve, reject));
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
  try {
    return await send();
  } catch (error) {
    // A kept-alive connection the recipient closed while it was idle fails at once; Node's documentation advises
    // one retry on a new connection. Sending again is safe: an inbox answers a message it already has with its receipt.
    if (isStaleConnection(error) && !options.signal.aborted) return send();
    throw error;
  }
}

function isStaleConnection(error: unknown): boolean {
  const e = error as { code?: string; reusedSocket?: boolean };
  return e.reusedSocket === true && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
}

// The whole response body: its status and the parsed JSON (undefined when it is not JSON). A connection lost or
// aborted before the end rejects.
function readAnswer(res: IncomingMessage): Promise<EnvelopeAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the answer was complete'));
    });
    res.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      resolve({ status: res.statusCode ?? 0, body });
    });
  });
}

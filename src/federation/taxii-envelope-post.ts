import type { DeliveryTarget } from './delivery-transport.ts';

const TAXII = 'application/taxii+json;version=2.1';

/** What a recipient's inbox answered: the HTTP status and the parsed body (undefined when not JSON). */
export interface EnvelopeAnswer {
  status: number;
  body: unknown;
}

/** POSTs one TAXII envelope to a party's inbox collection; network errors and timeouts reject. */
export async function postEnvelope(target: DeliveryTarget, objects: readonly unknown[], signal?: AbortSignal, timeoutMs = 15_000): Promise<EnvelopeAnswer> {
  const base = target.apiRoot.endsWith('/') ? target.apiRoot : `${target.apiRoot}/`;
  const url = `${base}collections/${encodeURIComponent(target.inboxCollection)}/objects/`;
  const authorization = target.credentials.kind === 'basic'
    ? `Basic ${Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString('base64')}`
    : `Bearer ${target.credentials.token}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': TAXII, accept: TAXII, authorization },
    body: JSON.stringify({ objects }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

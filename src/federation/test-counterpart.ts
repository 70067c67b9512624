/**
 * Test-only helpers for the federation tests (never used by the node): a counterpart node answering on a real
 * loopback socket like a TAXII inbox collection, and a minimal real-HTTP `DeliveryTransport` that verifies the
 * receipts it gets. The production transport belongs to the hotline integration.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { buildMessage, type Message } from '../hotline/message.ts';
import { signedAgreement, testParty, type TestParty } from '../hotline/test-fixtures.ts';
import { canonicalBytes } from '../ledger/canonical-json.ts';
import { signCheckpoint } from '../ledger/checkpoint.ts';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../ledger/merkle.ts';
import { verifyReceipt } from '../ledger/receipt.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url } from '../ledger/sign.ts';
import type { DeliveryResult, DeliveryTarget, DeliveryTransport, StixObject, TransportReceipt } from './delivery-transport.ts';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** How the counterpart answers the next POST. */
export type CounterpartMode = 'accept' | 'error-500' | 'hang' | 'garbage' | 'reject';

/** A counterpart node on 127.0.0.1 with an inbox collection and a real Merkle log of what it accepted. */
export class Counterpart {
  readonly partyId: string;
  readonly token = 'counterpart-token';
  readonly publicKey: KeyObject;
  readonly #privateKey: KeyObject;
  /** Messages accepted, in the order applied, each once. */
  readonly accepted: Message[] = [];
  /** Every message id POSTed, duplicates included, in arrival order. */
  readonly requests: string[] = [];
  mode: CounterpartMode | ((message: Message) => CounterpartMode) = 'accept';
  /** Each answer is delayed this long (a slow but working node). */
  delayMs = 0;
  /** Requests being answered right now, and the most seen at once. */
  concurrent = 0;
  maxConcurrent = 0;
  readonly log: ReceiptLog;
  #server: Server | undefined;
  #port = 0;

  constructor(partyId: string) {
    this.partyId = partyId;
    const pair = generateSigningKeyPair();
    this.publicKey = publicKeyFromBase64url(pair.publicKey);
    this.#privateKey = privateKeyFromPem(pair.privateKeyPem);
    this.log = new ReceiptLog(partyId, this.#privateKey);
  }

  /** Listens (again on the same port after a close, so the sender sees the same address come back). */
  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      void this.#handle(req).then(
        (answer) => { if (answer) { res.writeHead(answer.status, { 'content-type': answer.type }); res.end(answer.body); } },
        () => { res.writeHead(500); res.end(); },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and drops open connections (including hung requests): the node is down. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  target(): DeliveryTarget {
    return { partyId: this.partyId, apiRoot: `http://127.0.0.1:${this.#port}/api1/`, inboxCollection: 'inbox', credentials: { kind: 'bearer', token: this.token } };
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; type: string; body: string } | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers.authorization !== `Bearer ${this.token}`) return taxiiError(401, 'Authentication required');
    if (req.method !== 'POST' || req.url !== '/api1/collections/inbox/objects/') return taxiiError(404, 'Not found');
    const objects = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { objects: StixObject[] }).objects;
    const message = objects.find((o) => o.type === 'x-parley-message') as unknown as Message;
    this.requests.push(message.id);
    const mode = typeof this.mode === 'function' ? this.mode(message) : this.mode;
    if (mode === 'hang') return undefined;
    this.concurrent += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    } finally {
      this.concurrent -= 1;
    }
    if (mode === 'error-500') return taxiiError(500, 'Internal error');
    if (mode === 'garbage') return { status: 202, type: TAXII_MEDIA_TYPE, body: '{"status": "compl' };
    if (mode === 'reject') return status(message, [], [{ id: message.id, version: message.modified, message: 'AGREEMENT_NOT_IN_FORCE: no agreement in force' }]);
    return status(message, [this.#accept(message)], []);
  }

  #accept(message: Message): TransportReceipt {
    const { receipt, fresh } = this.log.accept(message);
    if (fresh) this.accepted.push(message);
    return receipt;
  }
}

/** A receiving node's Merkle log of accepted messages, issuing real signed receipts. */
export class ReceiptLog {
  readonly #partyId: string;
  readonly #privateKey: KeyObject;
  readonly #leaves: Buffer[] = [];
  readonly #receipts = new Map<string, TransportReceipt>();

  constructor(partyId: string, privateKey: KeyObject) {
    this.#partyId = partyId;
    this.#privateKey = privateKey;
  }

  // A duplicate (same id + modified) is not re-applied: its original receipt is returned again.
  accept(message: Message): { receipt: TransportReceipt; fresh: boolean } {
    const key = `${message.id}|${message.modified}`;
    const known = this.#receipts.get(key);
    if (known) return { receipt: known, fresh: false };
    this.#leaves.push(leafHash(canonicalBytes(message)));
    const index = this.#leaves.length - 1;
    const checkpoint = signCheckpoint({
      origin: this.#partyId, tree_size: this.#leaves.length, root_hash: rootFromLeafHashes(this.#leaves).toString('base64'),
      timestamp: new Date().toISOString(), key_id: 'node-key',
    }, this.#privateKey);
    // As a node's receipt: the signed checkpoint and the inclusion proof are the proof (no signature of its own).
    const receipt: TransportReceipt = {
      type: 'x-parley-receipt' as const, message_id: message.id, message_modified: message.modified, recipient_ref: this.#partyId,
      received_at: new Date().toISOString(), leaf_index: index, checkpoint,
      inclusion_proof: inclusionProof(index, this.#leaves).map((h) => h.toString('base64')),
    };
    this.#receipts.set(key, receipt);
    return { receipt, fresh: true };
  }
}

function taxiiError(status: number, title: string) {
  return { status, type: TAXII_MEDIA_TYPE, body: JSON.stringify({ title }) };
}

function status(message: Message, receipts: TransportReceipt[], failures: { id: string; version: string; message: string }[]) {
  const successes = receipts.map(() => ({ id: message.id, version: message.modified }));
  return { status: 202, type: TAXII_MEDIA_TYPE, body: JSON.stringify({
    id: crypto.randomUUID(), status: 'complete', request_timestamp: new Date().toISOString(), total_count: 1,
    success_count: successes.length, successes, failure_count: failures.length, failures, pending_count: 0,
    x_parley_receipts: receipts,
  }) };
}

/** A minimal real-HTTP transport: POSTs the envelope and verifies the receipt with the recipient's node key. */
export function httpTransport(keyOf: (partyId: string) => KeyObject): DeliveryTransport {
  return {
    async deliver(target, { message, evidence }, signal): Promise<DeliveryResult> {
      const failed = (reason: string): DeliveryResult => ({ outcome: 'failed', reason, retryable: true });
      const auth = target.credentials.kind === 'bearer' ? `Bearer ${target.credentials.token}`
        : `Basic ${Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString('base64')}`;
      let response: Response;
      try {
        response = await fetch(`${target.apiRoot}collections/${target.inboxCollection}/objects/`, {
          method: 'POST', signal, body: JSON.stringify({ objects: [message, ...evidence] }),
          headers: { 'content-type': TAXII_MEDIA_TYPE, accept: TAXII_MEDIA_TYPE, authorization: auth },
        });
      } catch (error) {
        return failed(`cannot reach ${target.apiRoot}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const text = await response.text().catch(() => '');
      if (response.status >= 500) return failed(`HTTP ${response.status}`);
      if (response.status >= 400) return { outcome: 'rejected', code: `HTTP_${response.status}`, reason: text.slice(0, 200) };
      let body: { failures?: { id: string; message: string }[]; x_parley_receipts?: TransportReceipt[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return failed('the answer is not JSON');
      }
      const failure = body.failures?.find((f) => f.id === message.id);
      if (failure) {
        const [code, ...rest] = failure.message.split(': ');
        return { outcome: 'rejected', code, reason: rest.join(': ') };
      }
      const receipt = body.x_parley_receipts?.find((r) => r.message_id === message.id && r.message_modified === message.modified);
      if (!receipt) return failed('the answer carries no receipt for the message');
      const key = keyOf(target.partyId);
      if (receipt.checkpoint?.origin !== target.partyId || !verifyReceipt(receipt, canonicalBytes(message), key).ok) {
        return failed('the receipt does not verify');
      }
      return { outcome: 'delivered', receipt };
    },
  };
}

/** A sender, a thread of `length` messages (each replying to the one before) to `recipients`, for ordering tests. */
export function threadOf(sender: TestParty, recipients: readonly string[], length: number, startMs = Date.parse('2026-03-01T09:00:00.000Z')): Message[] {
  const agreement = signedAgreement([sender, testParty('Other')]);
  const messages: Message[] = [];
  for (let i = 0; i < length; i++) {
    const previous = messages[i - 1];
    const common = { senderRef: sender.party.id, recipientRefs: [...recipients], agreementRef: agreement.id, priority: 'routine' as const,
      lang: 'en', subject: `message ${i}`, body: `body ${i}`, tlp: 'amber' as const, at: startMs + i * 1000 };
    messages.push(previous === undefined
      ? buildMessage({ ...common, kind: 'consultation' })
      : buildMessage({ ...common, kind: i % 2 === 1 ? 'request' : 'consultation', replyTo: previous,
        details: i % 2 === 1 ? { request_type: 'information', requested_action: `question ${i}` } : {} }));
  }
  return messages;
}

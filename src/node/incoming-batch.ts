import { ParleyError } from '../errors.ts';
import type { Agreement } from '../hotline/agreement.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import { verifyIncoming, type IncomingContext } from '../hotline/verify-incoming.ts';
import type { TransportReceipt } from '../federation/transport-receipt.ts';
import type { ThreadOrder } from '../federation/thread-order.ts';
import { logMessage } from './commit-message.ts';
import type { SignedAgreements } from './signed-agreements.ts';
import { evidenceObjects, incomingContext, issuedFor, issuedMeanwhile, receiveMessage, type ReceiveOutcome } from './incoming.ts';
import type { ParleyNode } from './parley-node.ts';
import { applyReceived } from './received-order.ts';

/** One message as it arrived, with the objects beside it. */
export interface IncomingEnvelope {
  message: unknown;
  evidence: unknown[];
}

interface Verified {
  index: number;
  message: Message;
  agreement: Agreement;
  objects: StixObject[];
}

/**
 * The inbox pipeline for an envelope of several messages (group commit): each message is checked exactly as
 * receiveMessage checks it; the accepted ones are logged, applied through the thread order and given their receipts
 * in ONE transaction under ONE signed checkpoint covering all of them (each receipt carries its own inclusion proof
 * and signature, so it verifies on its own). A message rejected by its checks is rejected alone; should anything
 * fail inside the shared transaction, it is rolled back and every message goes through receiveMessage one by one,
 * so one bad message never sinks the others. Outcomes come back in the order of `envelopes`.
 */
export async function receiveMessages(
  node: ParleyNode, order: ThreadOrder, envelopes: readonly IncomingEnvelope[], now: () => Date, signed?: SignedAgreements,
): Promise<ReceiveOutcome[]> {
  if (envelopes.length <= 1) return Promise.all(envelopes.map((e) => receiveMessage(node, order, e, now, signed)));
  const self = await node.store.hotline.getOwnParty();
  if (!self) return envelopes.map(() => ({ outcome: 'rejected', error: new ParleyError('UNAVAILABLE', 'this node has no own party') }));
  const outcomes: (ReceiveOutcome | undefined)[] = envelopes.map(() => undefined);
  const verified: Verified[] = [];
  const ctx = batchContext(incomingContext(node, self, signed));
  for (const [index, envelope] of envelopes.entries()) {
    const duplicate = await issuedFor(node, envelope.message);
    if (duplicate) {
      outcomes[index] = duplicate;
      continue;
    }
    const objects = evidenceObjects(envelope.evidence);
    const verdict = await verifyIncoming(envelope.message, objects, ctx);
    if (verdict.ok) verified.push({ index, message: verdict.message, agreement: verdict.agreement, objects });
    else outcomes[index] = { outcome: 'rejected', error: verdict.error };
  }
  if (verified.length === 0) return outcomes as ReceiveOutcome[];
  try {
    const settled = await node.store.transaction(() => commitVerified(node, order, self, verified, now));
    for (const [index, outcome] of settled) outcomes[index] = outcome;
  } catch (error) {
    if (!(error instanceof ParleyError)) throw error;
    // Rolled back as a whole: each message now goes on its own (its own transaction, checkpoint and receipt).
    for (const v of verified) outcomes[v.index] = await receiveMessage(node, order, envelopes[v.index]!, now, signed);
  }
  return outcomes as ReceiveOutcome[];
}

// Within one envelope the same agreement and parties are looked up for every message: read (and parse) each once.
// Nothing is written while the envelope is being checked, so the answers cannot go stale before the commit.
function batchContext(ctx: IncomingContext): IncomingContext {
  const parties = new Map<string, Promise<Party | undefined>>();
  const agreements = new Map<string, Promise<readonly Agreement[]>>();
  const once = <T>(memo: Map<string, Promise<T>>, id: string, read: (id: string) => T | Promise<T>): Promise<T> => {
    let answer = memo.get(id);
    if (answer === undefined) {
      answer = Promise.resolve(read(id));
      memo.set(id, answer);
    }
    return answer;
  };
  // The versions read once above are one array per agreement, and the parties they name are fixed for the envelope:
  // which version is in force is judged once per agreement too.
  const judged = new Map<readonly Agreement[], Agreement | undefined>();
  const inForce = ctx.inForce;
  return {
    ...ctx, findParty: (id) => once(parties, id, ctx.findParty), agreementVersions: (id) => once(agreements, id, ctx.agreementVersions),
    ...(inForce ? {
      inForce: (versions: readonly Agreement[], findParty: (id: string) => Party | undefined) => {
        if (!judged.has(versions)) judged.set(versions, inForce(versions, findParty));
        return judged.get(versions);
      },
    } : {}),
  };
}

// Inside the shared transaction: replay checks, log entries and apply per message, then one checkpoint and one
// receipt per logged message.
async function commitVerified(
  node: ParleyNode, order: ThreadOrder, self: Party, verified: readonly Verified[], now: () => Date,
): Promise<Map<number, ReceiveOutcome>> {
  const at = now().toISOString();
  const settled = new Map<number, ReceiveOutcome>();
  const logged: { v: Verified; leafIndex: number; heldFor?: string }[] = [];
  const firstOf = new Map<string, Verified>();
  const copies: [number, number][] = [];
  for (const v of verified) {
    const { message } = v;
    const earlier = firstOf.get(message.id);
    if (earlier) {
      // The same message twice in one envelope is one delivery; another version under a taken id is a replay.
      const same = earlier.message.modified === message.modified && earlier.message.signature!.value === message.signature!.value;
      if (same) copies.push([v.index, earlier.index]);
      else settled.set(v.index, { outcome: 'rejected', error: new ParleyError('REPLAY', `message ${message.id} was already received`) });
      continue;
    }
    firstOf.set(message.id, v);
    const raced = await issuedMeanwhile(node, message);
    if (raced) {
      settled.set(v.index, raced);
      continue;
    }
    const leafIndex = await logMessage(node, { message, direction: 'received', at });
    const offered = await order.offer({ message, evidence: v.objects }, applyReceived(node, self, () => now().toISOString(), { messageId: message.id, agreement: v.agreement }));
    logged.push({ v, leafIndex, ...(offered.status === 'held' ? { heldFor: offered.waitingFor } : {}) });
  }
  if (logged.length > 0) await issueReceipts(node, self, logged, at, settled);
  for (const [index, original] of copies) {
    const first = settled.get(original)!;
    settled.set(index, first.outcome === 'accepted' ? { outcome: 'duplicate', message: first.message, receipt: first.receipt } : first);
  }
  return settled;
}

// One checkpoint over everything logged, then a receipt per message with its proof under that checkpoint.
async function issueReceipts(
  node: ParleyNode, self: Party, logged: readonly { v: Verified; leafIndex: number; heldFor?: string }[], at: string, settled: Map<number, ReceiveOutcome>,
): Promise<void> {
  const checkpoint = await node.log.checkpoint();
  const proofs = await node.log.inclusionProofs(logged.map((l) => l.leafIndex), checkpoint.tree_size);
  for (const [i, { v, leafIndex, heldFor }] of logged.entries()) {
    const proof = proofs[i]!;
    const receipt: TransportReceipt = {
      type: 'x-parley-receipt', message_id: v.message.id, message_modified: v.message.modified, recipient_ref: self.id, received_at: at,
      leaf_index: leafIndex, checkpoint, inclusion_proof: proof.map((p) => p.toString('base64')),
    };
    await node.store.records.putIssuedReceipt(receipt, v.message.signature!.value);
    settled.set(v.index, { outcome: 'accepted', message: v.message, receipt, ...(heldFor !== undefined ? { heldFor } : {}) });
  }
}

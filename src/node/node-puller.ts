import { ParleyError } from '../errors.ts';
import type { DeliveryResult } from '../federation/delivery-transport.ts';
import { Puller, type PullReport } from '../federation/pull.ts';
import { postEnvelope } from '../federation/taxii-envelope-post.ts';
import type { CollectionSource } from '../federation/taxii-reader.ts';
import { AGREEMENT_TYPE } from '../hotline/extension-definitions.ts';
import { partyExtension } from '../hotline/party.ts';
import { receiveAgreement } from './agreement-exchange.ts';
import { deliveryTarget } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';

/**
 * The pulling side of pull mode: every `intervalMs`, reads the outbox collection each publishing counterpart keeps
 * for this node (`parley party poll`), with the account that counterpart gave us (`parley party credentials`). Each
 * message goes through the same pipeline as a pushed one (sender = the publisher, verification, thread order,
 * duplicates); the signed receipt is POSTed back to the publisher's inbox. Agreement versions are merged as if
 * pushed. `onReport` gets every poll's report (the node logs them).
 */
export function createNodePuller(node: ParleyNode, options: { intervalMs: number; onReport?: (report: PullReport) => void; onError?: (partyId: string, error: unknown) => void }): Puller {
  return new Puller({
    intervalMs: options.intervalMs,
    ...(options.onReport ? { onReport: options.onReport } : {}),
    cursors: node.store.pullCursors,
    sources: () => pullSources(node, options.onError),
    receive: (envelope, from) => receivePulled(node, envelope, from),
    receiveOther: async (object) => {
      if (object.type === AGREEMENT_TYPE) await receiveAgreement(node, object);
    },
    postReceipt: async (source, receipt) => {
      const answer = await postEnvelope(await deliveryTarget(node, source.partyId), [receipt]);
      const body = (answer.body ?? {}) as { failures?: { message?: string }[]; description?: string };
      if (answer.status !== 202) throw new ParleyError('UNAVAILABLE', `receipt refused: HTTP ${answer.status} ${body.description ?? ''}`.trim());
      if (body.failures?.length) throw new ParleyError('UNAVAILABLE', `receipt refused: ${body.failures[0]!.message ?? 'failure'}`);
    },
  });
}

/** The counterparts this node polls, with their outbox collection for us and the account they gave us. */
async function pullSources(node: ParleyNode, onError?: (partyId: string, error: unknown) => void): Promise<CollectionSource[]> {
  const sources: CollectionSource[] = [];
  for (const d of await node.store.links.deliveries()) {
    if (!d.pollCollection) continue;
    try {
      const target = await deliveryTarget(node, d.partyId);
      const party = await node.store.hotline.getParty(d.partyId);
      const apiRoot = partyExtension(party!).taxii.api_root;
      sources.push({ partyId: d.partyId, apiRoot: apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`, collectionId: d.pollCollection, credentials: target.credentials });
    } catch (error) {
      onError?.(d.partyId, error);
    }
  }
  return sources;
}

/** A pulled envelope through the push pipeline; it must come from the counterpart whose collection held it. */
async function receivePulled(node: ParleyNode, envelope: { message: { sender_ref: string; id: string }; evidence: unknown[] }, from: string): Promise<DeliveryResult> {
  if (envelope.message.sender_ref !== from) {
    return { outcome: 'rejected', code: 'FORBIDDEN', reason: `${envelope.message.id} is sent by ${envelope.message.sender_ref}, not by ${from} whose outbox collection held it` };
  }
  try {
    const outcome = await node.service.receive(envelope);
    if (outcome.outcome === 'rejected') return { outcome: 'rejected', code: outcome.error.code, reason: outcome.error.message };
    return { outcome: 'delivered', receipt: outcome.receipt };
  } catch (error) {
    return { outcome: 'failed', reason: error instanceof Error ? error.message : String(error), retryable: true };
  }
}

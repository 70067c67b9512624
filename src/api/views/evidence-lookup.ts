import { evidenceHash, type Attachment, type StixObject } from '../../hotline/evidence.ts';
import type { Store } from '../../store/store.ts';

const ALL_VERSIONS = Object.freeze({ last: false, first: false, all: true, at: Object.freeze([]) });

/**
 * The attached objects of a message found among the objects the node kept with it (`kept`) and in the node's
 * TAXII collections: for each attachment, the stored
 * version whose canonical hash is the one the signed message carries (so a changed copy is never shown as evidence).
 */
export async function findEvidence(store: Store, attachments: readonly Attachment[], kept: readonly StixObject[] = []): Promise<StixObject[]> {
  if (attachments.length === 0) return [];
  const found = new Map<string, StixObject>();
  // Objects the node stored with the message come first; each must still match the hash the message carries.
  for (const object of kept) {
    const attachment = attachments.find((a) => a.object_ref === object.id);
    if (attachment && !found.has(object.id) && evidenceHash(object) === attachment.sha256) found.set(object.id, object);
  }
  const collections = found.size === attachments.length ? [] : await store.collections.collections();
  for (const collection of collections) {
    const wanted = attachments.filter((a) => !found.has(a.object_ref));
    if (wanted.length === 0) break;
    const page = await store.objects.query({
      collection: collection.id, ids: wanted.map((a) => a.object_ref), versions: ALL_VERSIONS, limit: 10_000,
    });
    for (const version of page.objects) {
      const object = JSON.parse(version.json) as StixObject;
      const attachment = wanted.find((a) => a.object_ref === object.id);
      if (attachment && !found.has(object.id) && evidenceHash(object) === attachment.sha256) found.set(object.id, object);
    }
  }
  return attachments.flatMap((a) => (found.has(a.object_ref) ? [found.get(a.object_ref)!] : []));
}

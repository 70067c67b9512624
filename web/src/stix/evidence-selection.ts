import type { EvidenceRef, StixObject } from '../api/types.ts';

/** One piece of evidence picked for a message: from a bundle file, or from one of the node's collections. */
export interface PickedEvidence {
  object: StixObject;
  collectionId: string | null;
}

/** Adds objects to a selection, skipping ids already picked (the same bundle chosen twice adds nothing). */
export function addEvidence(selection: readonly PickedEvidence[], objects: readonly StixObject[], collectionId: string | null): PickedEvidence[] {
  const held = new Set(selection.map((p) => p.object.id));
  const added = objects.filter((o) => !held.has(o.id) && (held.add(o.id), true)).map((object) => ({ object, collectionId }));
  return [...selection, ...added];
}

/**
 * The selection as the compose request wants it: file objects travel whole in `evidence`, collection objects as
 * `evidence_refs` so the node attaches its own stored version — unless `refsAllowed` is false (the respond call
 * takes objects only), in which case they travel whole as well.
 */
export function evidencePayload(selection: readonly PickedEvidence[], refsAllowed: boolean): { evidence: StixObject[]; evidence_refs: EvidenceRef[] } {
  const evidence: StixObject[] = [];
  const evidence_refs: EvidenceRef[] = [];
  for (const { object, collectionId } of selection) {
    if (collectionId !== null && refsAllowed) evidence_refs.push({ collection_id: collectionId, object_id: object.id });
    else evidence.push(object);
  }
  return { evidence, evidence_refs };
}

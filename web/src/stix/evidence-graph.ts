import type { StixObject } from '../api/types.ts';

/** An edge between two evidence objects: from a relationship SRO or from a `*_ref`/`*_refs` property. */
export interface EvidenceEdge {
  source: string;
  target: string;
  label: string;
  via: 'relationship' | 'property';
}

/** Evidence as a graph: nodes are the objects (relationships become edges), ids in first-seen order. */
export interface EvidenceGraph {
  nodes: StixObject[];
  edges: EvidenceEdge[];
}

/** References that point at provenance or markings, not at other evidence. */
const ignoredReferences = new Set(['created_by_ref', 'object_marking_refs', 'sender_ref', 'recipient_refs']);

function referencesOf(object: StixObject): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(object)) {
    if (ignoredReferences.has(name)) continue;
    if (name.endsWith('_ref') && typeof value === 'string') out.push([name, value]);
    if (name.endsWith('_refs') && Array.isArray(value)) {
      for (const id of value) if (typeof id === 'string') out.push([name, id]);
    }
  }
  return out;
}

/**
 * Builds the relationship graph of a set of evidence objects. Duplicate objects (same id, e.g. attached to two
 * messages) count once; edges whose ends are not both in the evidence are left out, since the console cannot
 * show what it does not hold.
 */
export function buildEvidenceGraph(objects: readonly StixObject[]): EvidenceGraph {
  const byId = new Map<string, StixObject>();
  for (const object of objects) if (object.type !== 'relationship' && !byId.has(object.id)) byId.set(object.id, object);
  const edges: EvidenceEdge[] = [];
  const seen = new Set<string>();
  const add = (edge: EvidenceEdge): void => {
    const key = `${edge.source}|${edge.target}|${edge.label}`;
    if (edge.source === edge.target || seen.has(key) || !byId.has(edge.source) || !byId.has(edge.target)) return;
    seen.add(key);
    edges.push(edge);
  };
  for (const object of objects) {
    if (object.type === 'relationship') {
      if (typeof object.source_ref === 'string' && typeof object.target_ref === 'string') {
        add({ source: object.source_ref, target: object.target_ref, label: String(object.relationship_type ?? 'related-to'), via: 'relationship' });
      }
      continue;
    }
    for (const [name, target] of referencesOf(object)) add({ source: object.id, target, label: name, via: 'property' });
  }
  return { nodes: [...byId.values()], edges };
}

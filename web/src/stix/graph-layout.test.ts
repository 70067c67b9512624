import { describe, expect, it } from 'vitest';
import type { StixObject } from '../api/types.ts';
import { buildEvidenceGraph } from './evidence-graph.ts';
import { layoutGraph } from './graph-layout.ts';

function chain(n: number): StixObject[] {
  const nodes: StixObject[] = Array.from({ length: n }, (_, i) => ({ type: 'malware', id: `malware--${i}` }));
  const rels: StixObject[] = nodes.slice(1).map((node, i) => ({
    type: 'relationship', id: `relationship--${i}`, relationship_type: 'variant-of', source_ref: node.id, target_ref: nodes[i].id,
  }));
  return [...nodes, ...rels];
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);

describe('layoutGraph', () => {
  it('places one node in the middle and nothing for none', () => {
    expect(layoutGraph(buildEvidenceGraph([])).positions.size).toBe(0);
    const one = layoutGraph(buildEvidenceGraph(chain(1)), { width: 200, height: 100 });
    expect(one.positions.get('malware--0')).toEqual({ x: 100, y: 50 });
  });
  it('keeps every node inside the frame and apart from the others', () => {
    const layout = layoutGraph(buildEvidenceGraph(chain(12)), { width: 600, height: 400, margin: 30 });
    const points = [...layout.positions.values()];
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(30);
      expect(p.x).toBeLessThanOrEqual(570);
      expect(p.y).toBeGreaterThanOrEqual(30);
      expect(p.y).toBeLessThanOrEqual(370);
    }
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) expect(distance(points[i], points[j])).toBeGreaterThan(20);
  });
  it('draws linked nodes closer than unlinked ones on average', () => {
    const objects = [...chain(6), ...chain(6).map((o) => ({ ...o, id: o.id.replace('--', '--b'), ...(o.type === 'relationship' ? { source_ref: String(o.source_ref).replace('--', '--b'), target_ref: String(o.target_ref).replace('--', '--b') } : {}) }))];
    const graph = buildEvidenceGraph(objects);
    const layout = layoutGraph(graph);
    const linked = new Set(graph.edges.map((e) => `${e.source}|${e.target}`));
    const ids = graph.nodes.map((n) => n.id);
    const near: number[] = [];
    const far: number[] = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
      const d = distance(layout.positions.get(ids[i])!, layout.positions.get(ids[j])!);
      (linked.has(`${ids[i]}|${ids[j]}`) || linked.has(`${ids[j]}|${ids[i]}`) ? near : far).push(d);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(near)).toBeLessThan(mean(far));
  });
  it('is deterministic', () => {
    const graph = buildEvidenceGraph(chain(8));
    expect([...layoutGraph(graph).positions]).toEqual([...layoutGraph(graph).positions]);
  });
});

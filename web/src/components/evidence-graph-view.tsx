import type { StixObject } from '../api/types.ts';
import { stixTitle, typeLabel } from '../stix/describe-stix-object.ts';
import { buildEvidenceGraph } from '../stix/evidence-graph.ts';
import { layoutGraph } from '../stix/graph-layout.ts';

const shorten = (text: string, max: number): string => (text.length > max ? text.slice(0, max - 1) + '…' : text);

/** The evidence of a thread as a graph: one circle per object, one line per relationship or reference. */
export function EvidenceGraphView({ objects }: { objects: StixObject[] }) {
  const graph = buildEvidenceGraph(objects);
  if (graph.nodes.length < 2 || graph.edges.length === 0) {
    return <p class="muted">No relationships or references link the {graph.nodes.length} evidence object{graph.nodes.length === 1 ? '' : 's'}.</p>;
  }
  const layout = layoutGraph(graph, { width: 760, height: Math.min(600, 260 + graph.nodes.length * 12), margin: 70 });
  const at = (id: string) => layout.positions.get(id)!;
  // Past a few dozen objects printed labels overlap into noise; names stay available on hover as SVG titles.
  const dense = graph.nodes.length > 25;
  const description = `${graph.nodes.length} objects, ${graph.edges.length} links: ` +
    graph.edges.slice(0, 20).map((e) => `${stixTitle(graph.nodes.find((n) => n.id === e.source)!)} ${e.label} ${stixTitle(graph.nodes.find((n) => n.id === e.target)!)}`).join('; ');
  return (
    <figure class="evidence-graph">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={description}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="edge-arrow" />
          </marker>
        </defs>
        {graph.edges.map((edge) => {
          const a = at(edge.source);
          const b = at(edge.target);
          return (
            <g key={`${edge.source}|${edge.target}|${edge.label}`} class={`edge edge-${edge.via}`}>
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} marker-end="url(#arrow)" />
              {edge.via === 'relationship' && !dense ? <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 3} class="edge-label">{edge.label}</text> : null}
            </g>
          );
        })}
        {graph.nodes.map((node) => {
          const p = at(node.id);
          return (
            <g key={node.id} class={`node node-${node.type}`}>
              <title>{`${typeLabel(node.type)}: ${stixTitle(node)}`}</title>
              <circle cx={p.x} cy={p.y} r="9" />
              {dense ? null : <text x={p.x} y={p.y + 22} class="node-label">{shorten(stixTitle(node), 18)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend" aria-label="Colours">
          {['indicator', 'malware', 'incident', 'report', 'other'].map((type) => (
            <li key={type}><svg width="12" height="12" aria-hidden="true" class={`node node-${type}`}><circle cx="6" cy="6" r="5" /></svg> {type}</li>
          ))}
        </ul>
        Relationships between the evidence: solid lines are relationship objects, dashed lines are references
        (<code>*_ref</code>) between objects.{dense ? ' Point at a circle for its name.' : ''}
      </figcaption>
    </figure>
  );
}

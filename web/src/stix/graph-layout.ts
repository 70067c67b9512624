import type { EvidenceGraph } from './evidence-graph.ts';

/** Where each node sits in a `width` × `height` drawing; ids in the graph's node order. */
export interface GraphLayout {
  width: number;
  height: number;
  positions: Map<string, { x: number; y: number }>;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Distance kept between node centres and from the border. */
  margin: number;
  iterations: number;
  /** Strength of the pull towards the centre, relative to an edge's pull. */
  gravity: number;
}

const defaults: LayoutOptions = Object.freeze({ width: 640, height: 400, margin: 40, iterations: 200, gravity: 0.3 });

/**
 * A deterministic force-directed layout (Fruchterman–Reingold): nodes start on a circle in a fixed order, so
 * the same evidence is always drawn the same way, then repel each other while edges pull their ends together,
 * with a cooling step size. Nodes are kept inside the frame.
 */
export function layoutGraph(graph: EvidenceGraph, options: Partial<LayoutOptions> = {}): GraphLayout {
  const { width, height, margin, iterations, gravity } = { ...defaults, ...options };
  const n = graph.nodes.length;
  const ids = graph.nodes.map((node) => node.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.max(0, Math.min(width, height) / 2 - margin);
  const xs = ids.map((_, i) => (n === 1 ? cx : cx + radius * Math.cos((2 * Math.PI * i) / n)));
  const ys = ids.map((_, i) => (n === 1 ? cy : cy + radius * Math.sin((2 * Math.PI * i) / n)));
  const k = Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / Math.max(1, n));
  let temperature = Math.min(width, height) / 10;
  const cooling = temperature / (iterations + 1);
  const edges = graph.edges.map((e) => [index.get(e.source)!, index.get(e.target)!] as const);

  for (let step = 0; step < iterations && n > 1; step++) {
    const dx = new Array<number>(n).fill(0);
    const dy = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ux = xs[i] - xs[j];
        let uy = ys[i] - ys[j];
        let d = Math.hypot(ux, uy);
        // Coincident nodes are pushed apart along a fixed direction that depends on their indices only.
        if (d < 0.01) [ux, uy, d] = [Math.cos(i + j), Math.sin(i + j), 1];
        const force = (k * k) / d;
        dx[i] += (ux / d) * force; dy[i] += (uy / d) * force;
        dx[j] -= (ux / d) * force; dy[j] -= (uy / d) * force;
      }
    }
    for (const [a, b] of edges) {
      const ux = xs[a] - xs[b];
      const uy = ys[a] - ys[b];
      const d = Math.max(0.01, Math.hypot(ux, uy));
      const force = (d * d) / k;
      dx[a] -= (ux / d) * force; dy[a] -= (uy / d) * force;
      dx[b] += (ux / d) * force; dy[b] += (uy / d) * force;
    }
    // A weak pull to the centre keeps unlinked objects from drifting into the corners.
    for (let i = 0; i < n; i++) {
      const ux = xs[i] - cx;
      const uy = ys[i] - cy;
      const d = Math.hypot(ux, uy);
      if (d > 0) {
        dx[i] -= (ux / d) * gravity * (d * d) / k;
        dy[i] -= (uy / d) * gravity * (d * d) / k;
      }
    }
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(dx[i], dy[i]);
      if (d > 0) {
        xs[i] += (dx[i] / d) * Math.min(d, temperature);
        ys[i] += (dy[i] / d) * Math.min(d, temperature);
      }
      xs[i] = Math.min(width - margin, Math.max(margin, xs[i]));
      ys[i] = Math.min(height - margin, Math.max(margin, ys[i]));
    }
    temperature -= cooling;
  }
  return { width, height, positions: new Map(ids.map((id, i) => [id, { x: xs[i], y: ys[i] }])) };
}

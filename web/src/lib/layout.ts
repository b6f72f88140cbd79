// Automatic layout (dagre, top to bottom) for the nodes that have no kept position.

import dagre from "@dagrejs/dagre";
import type { GraphEdge } from "./graph";

export const NODE_W = 260;
export const NODE_H = 96;

export function layout(nodeIds: string[], edges: GraphEdge[]): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIds) g.setNode(id, { width: NODE_W, height: NODE_H });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const id of nodeIds) {
    const n = g.node(id);
    out[id] = { x: Math.round(n.x - NODE_W / 2), y: Math.round(n.y - NODE_H / 2) };
  }
  return out;
}

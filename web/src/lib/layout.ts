// Automatic layout (dagre, top to bottom) for the nodes that have no kept position.

import dagre from "@dagrejs/dagre";
import type { GraphEdge } from "./graph";

export const NODE_W = 260;
export const NODE_H = 96;

/** Graphs up to this many nodes get dagre's layout (crossing reduction); larger ones the linear-time layered one. */
export const DAGRE_MAX = 150;

export function layout(nodeIds: string[], edges: GraphEdge[]): Record<string, { x: number; y: number }> {
  return nodeIds.length <= DAGRE_MAX ? dagreLayout(nodeIds, edges) : layeredLayout(nodeIds, edges);
}

function dagreLayout(nodeIds: string[], edges: GraphEdge[]): Record<string, { x: number; y: number }> {
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

/**
 * A layered layout in linear time for big flows (dagre takes about a second for 500 steps): back edges found by a
 * depth-first walk are ignored, ranks are longest paths from the roots, and each rank is ordered by the mean position
 * of its parents (one barycentre pass), centred under the rank above.
 */
export function layeredLayout(nodeIds: string[], edges: GraphEdge[]): Record<string, { x: number; y: number }> {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const out: number[][] = nodeIds.map(() => []);
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (a !== undefined && b !== undefined && a !== b) out[a].push(b);
  }
  // Depth-first walk (iterative) to drop back edges, so what is left is acyclic.
  const state = new Uint8Array(nodeIds.length); // 0 new, 1 on stack, 2 done
  const forward: number[][] = nodeIds.map(() => []);
  for (let root = 0; root < nodeIds.length; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [n, k] = top;
      if (k < out[n].length) {
        top[1]++;
        const m = out[n][k];
        if (state[m] === 1) continue; // back edge
        forward[n].push(m);
        if (state[m] === 0) { state[m] = 1; stack.push([m, 0]); }
      } else {
        state[n] = 2;
        stack.pop();
      }
    }
  }
  const indegree = new Int32Array(nodeIds.length);
  for (const targets of forward) for (const m of targets) indegree[m]++;
  const rank = new Int32Array(nodeIds.length);
  const queue: number[] = [];
  for (let i = 0; i < nodeIds.length; i++) if (indegree[i] === 0) queue.push(i);
  const parents: number[][] = nodeIds.map(() => []);
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q];
    for (const m of forward[n]) {
      rank[m] = Math.max(rank[m], rank[n] + 1);
      parents[m].push(n);
      if (--indegree[m] === 0) queue.push(m);
    }
  }
  const ranks: number[][] = [];
  for (const n of queue) (ranks[rank[n]] ??= []).push(n);
  const x = new Float64Array(nodeIds.length);
  const result: Record<string, { x: number; y: number }> = {};
  const gapX = NODE_W + 50, gapY = NODE_H + 70;
  ranks.forEach((row, r) => {
    if (r > 0) {
      const centre = (n: number) => (parents[n].length ? parents[n].reduce((a, p) => a + x[p], 0) / parents[n].length : 0);
      row.sort((a, b) => centre(a) - centre(b));
    }
    row.forEach((n, i) => {
      x[n] = (i - (row.length - 1) / 2) * gapX;
      result[nodeIds[n]] = { x: Math.round(x[n]), y: 20 + r * gapY };
    });
  });
  return result;
}

import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from "react";
import {
  applyNodeChanges, Background, Controls, MarkerType, MiniMap, Panel, ReactFlow, useReactFlow,
  type Connection, type Edge, type Node, type NodeChange,
} from "@xyflow/react";
import type { FlowDoc, StepStats } from "../lib/types";
import { edgesOf, entryOf, reachable, slotsOf, TRIGGER_NODE } from "../lib/graph";
import { layout } from "../lib/layout";
import { byNode, type PinnedProblem } from "../lib/problems";
import { stepSummary, stepType, triggerSummary, type Names } from "../lib/steps";
import type { Resources } from "./fields";
import { FlowEdge, StepNode, TriggerNode, type FlowEdgeData, type StepNodeData, type TriggerNodeData } from "./nodes";

const nodeTypes = { step: StepNode, trigger: TriggerNode };
const edgeTypes = { flow: FlowEdge };

interface Props {
  doc: FlowDoc;
  resources: Resources;
  problems: PinnedProblem[];
  stats: StepStats | null;
  path: { steps: Set<string>; hops: Set<string> };
  readOnly: boolean;
  selected: string[];
  focusNode: { id: string; n: number } | null;
  layoutRef: MutableRefObject<Record<string, { x: number; y: number }>>;
  onSelect: (ids: string[]) => void;
  onConnect: (source: string, kind: string, target: string) => void;
  onDelete: (nodes: string[], edges: string[]) => void;
  onMove: (moved: Record<string, { x: number; y: number }>) => void;
  onAddAt: (source: string, kind: string) => void;
  onInsertOnEdge: (edgeId: string) => void;
  onDropStep: (type: string, edgeId: string | null, position: { x: number; y: number }) => void;
  onCount: (stepId: string, which: "at_step" | "exited") => void;
  onAutoLayout: () => void;
}

export function Canvas(props: Props) {
  const { doc, resources, problems, stats, path, readOnly, selected, layoutRef } = props;
  const rf = useReactFlow();
  const names: Names = useMemo(() => ({
    email: (id) => resources.emails.find((e) => e.id === id)?.name,
    list: (id) => resources.lists.find((l) => l.id === id)?.name,
    form: (id) => resources.forms.find((f) => f.id === id)?.name,
  }), [resources]);

  const graphEdges = useMemo(() => edgesOf(doc), [doc.steps, doc.entry_step_id]);
  const structureKey = useMemo(() => doc.steps.map((s) => s.step_id).join("|") + "#" + graphEdges.map((e) => e.id + ">" + e.target).join("|"), [doc.steps, graphEdges]);
  const auto = useMemo(() => layout([TRIGGER_NODE, ...doc.steps.map((s) => s.step_id)], graphEdges),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [structureKey]);
  const manual = doc.ui.positions && Object.keys(doc.ui.positions).length ? doc.ui.positions : null;
  const positions = useMemo(() => (manual ? { ...auto, ...manual } : auto), [auto, manual]);
  layoutRef.current = positions;

  const pinned = useMemo(() => byNode(problems), [problems]);
  const live = useMemo(() => new Map((stats?.step_stats ?? []).map((s) => [s.step_id, s])), [stats]);
  const taken = useMemo(() => new Map((stats?.edge_stats ?? []).map((e) => [`${e.from_step_id}:${e.edge}`, e.taken])), [stats]);
  const reach = useMemo(() => reachable(doc), [doc.steps, doc.entry_step_id]);
  const entry = entryOf(doc);

  const derived: Node[] = useMemo(() => {
    const sel = new Set(selected);
    const trigger: Node<TriggerNodeData> = {
      id: TRIGGER_NODE, type: "trigger", position: positions[TRIGGER_NODE] ?? { x: 0, y: 0 }, deletable: false,
      selected: sel.has(TRIGGER_NODE),
      data: { lines: doc.triggers.map((t) => triggerSummary(t, names)), problems: pinned.get(TRIGGER_NODE) ?? [], hasEntry: !!entry && doc.steps.length > 0, readOnly, onAddAt: props.onAddAt },
    };
    const steps: Node<StepNodeData>[] = doc.steps.map((s) => {
      const t = stepType(s.type);
      const st = live.get(s.step_id);
      return {
        id: s.step_id, type: "step", position: positions[s.step_id] ?? { x: 0, y: 0 }, selected: sel.has(s.step_id), deletable: !readOnly,
        data: {
          stepId: s.step_id, type: s.type, icon: t.icon, typeName: t.name, label: s.label ?? null, summary: stepSummary(s, names),
          slots: slotsOf(s), problems: pinned.get(s.step_id) ?? [], isEntry: s.step_id === entry,
          stats: stats ? { at_step: st?.at_step ?? 0, waiting: st?.waiting ?? 0, executed: st?.executed ?? 0, exited: st?.exited ?? 0 } : null,
          unreachable: !reach.has(s.step_id), onPath: path.steps.has(s.step_id), readOnly, onAddAt: props.onAddAt, onCount: props.onCount,
        },
      };
    });
    return [trigger, ...steps];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, positions, pinned, live, stats, reach, path, readOnly, selected, names, entry]);

  const [nodes, setNodes] = useState<Node[]>(derived);
  const nodesRef = useRef(nodes);
  useEffect(() => {
    const before = new Map(nodesRef.current.map((n) => [n.id, n]));
    const next = derived.map((d) => {
      const p = before.get(d.id);
      return p?.measured ? { ...d, measured: p.measured } : d;
    });
    nodesRef.current = next;
    setNodes(next);
  }, [derived]);

  const edges: Edge[] = useMemo(() => graphEdges.map((e) => ({
    id: e.id, source: e.source, target: e.target, sourceHandle: e.kind, type: "flow",
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    className: path.hops.has(`${e.source}->${e.target}`) ? "on-path" : undefined, deletable: !readOnly && e.source !== TRIGGER_NODE,
    data: { label: e.label, taken: stats && e.source !== TRIGGER_NODE ? taken.get(`${e.source}:${e.kind}`) ?? 0 : null,
      onPath: path.hops.has(`${e.source}->${e.target}`), readOnly, onInsert: props.onInsertOnEdge } satisfies FlowEdgeData,
  // eslint-disable-next-line react-hooks/exhaustive-deps
  })), [graphEdges, stats, taken, path, readOnly]);

  // Selection is the builder's state: select changes from React Flow (click, shift-click, box select) are passed up,
  // and the nodes are rebuilt from it, so there is one source of truth and no ping-pong between the two.
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const kept = changes.filter((c) => c.type !== "remove");
    const next = applyNodeChanges(kept, nodesRef.current);
    nodesRef.current = next;
    setNodes(next);
    if (kept.some((c) => c.type === "select")) onSelect.current(next.filter((n) => n.selected).map((n) => n.id));
  }, []);

  // While the layout is automatic, every added or removed step re-fits the view so the whole flow stays in sight.
  const count = doc.steps.length;
  const seen = useRef(count);
  useEffect(() => {
    if (seen.current === count) return;
    seen.current = count;
    if (!manual) requestAnimationFrame(() => requestAnimationFrame(() => rf.fitView({ padding: 0.2, maxZoom: 1, duration: 150 })));
  }, [count, manual, rf]);

  useEffect(() => {
    if (!props.focusNode) return;
    const p = positions[props.focusNode.id];
    if (p) rf.setCenter(p.x + 130, p.y + 48, { zoom: 1, duration: 300 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focusNode]);

  const onDrop = useCallback((e: React.DragEvent) => {
    const type = e.dataTransfer.getData("application/runnel-step");
    if (!type) return;
    e.preventDefault();
    const hit = document.elementsFromPoint(e.clientX, e.clientY)
      .map((el) => (el as HTMLElement).closest?.("[data-edge-id], .react-flow__edge") as HTMLElement | null).find(Boolean);
    const edgeId = hit ? hit.getAttribute("data-edge-id") ?? hit.getAttribute("data-id") : null;
    const position = rf.screenToFlowPosition({ x: e.clientX - 130, y: e.clientY - 40 });
    props.onDropStep(type, edgeId, position);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rf]);

  return (
    <div className="canvas" onDragOver={(e) => { if (!readOnly) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; } }} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_, __, dragged) => {
          const moved: Record<string, { x: number; y: number }> = {};
          for (const n of dragged) moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
          props.onMove(moved);
        }}
        onConnect={(c: Connection) => { if (c.source && c.target && c.target !== TRIGGER_NODE) props.onConnect(c.source, c.sourceHandle ?? "next", c.target); }}
        onDelete={({ nodes: ns, edges: es }) => props.onDelete(ns.map((n) => n.id), es.map((e) => e.id))}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionOnDrag={false}
        nodesConnectable={!readOnly}
        onlyRenderVisibleElements={doc.steps.length > 150}
        minZoom={0.1}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={3} />
        <Controls showInteractive={false} />
        <Panel position="top-left" className="canvas-tools">
          <button type="button" onClick={() => rf.fitView({ padding: 0.2, duration: 200 })}>Zoom to fit</button>
          <button type="button" onClick={props.onAutoLayout} disabled={!manual}>Auto layout</button>
          {!manual ? <span className="muted"> automatic layout</span> : <span className="muted"> manual positions kept</span>}
        </Panel>
      </ReactFlow>
    </div>
  );
}

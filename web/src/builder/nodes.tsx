import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, Handle, Position, type EdgeProps, type NodeProps } from "@xyflow/react";
import type { EdgeSlot } from "../lib/graph";
import type { PinnedProblem } from "../lib/problems";

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  type: string;
  icon: string;
  typeName: string;
  label: string | null;
  summary: string;
  slots: EdgeSlot[];
  problems: PinnedProblem[];
  stats: { at_step: number; waiting: number; executed: number; exited: number } | null;
  isEntry: boolean;
  unreachable: boolean;
  onPath: boolean;
  readOnly: boolean;
  onAddAt: (source: string, kind: string) => void;
  onCount: (stepId: string, which: "at_step" | "exited") => void;
}

export interface TriggerNodeData extends Record<string, unknown> {
  lines: string[];
  problems: PinnedProblem[];
  hasEntry: boolean;
  readOnly: boolean;
  onAddAt: (source: string, kind: string) => void;
}

export const StepNode = memo(function StepNode({ data, selected }: NodeProps & { data: StepNodeData }) {
  const d = data;
  const cls = ["node", "step-node", `t-${d.type}`, selected ? "selected" : "", d.problems.length ? "has-problems" : "",
    d.unreachable ? "unreachable" : "", d.onPath ? "on-path" : ""].join(" ");
  const title = d.label || d.typeName;
  return (
    <div className={cls} data-step-id={d.stepId} aria-label={`${d.typeName} step ${d.stepId}: ${d.summary}`}>
      <Handle type="target" position={Position.Top} isConnectable={!d.readOnly} />
      <div className="node-head">
        <span className="icon" aria-hidden="true">{d.icon}</span>
        <span className="node-title">{title}</span>
        <span className="node-id muted">{d.stepId}</span>
      </div>
      <div className="node-summary">{d.summary}</div>
      {d.stats ? (
        <div className="node-stats" aria-label="Step counts">
          <button type="button" className="count nodrag" title="Members here now — list them" data-count="at_step"
            onClick={(e) => { e.stopPropagation(); d.onCount(d.stepId, "at_step"); }}>{d.stats.at_step} here</button>
          <span className="count" title="Of them waiting" data-count="waiting">{d.stats.waiting} waiting</span>
          <span className="count" title="Times this step ran" data-count="executed">{d.stats.executed} ran</span>
          <button type="button" className="count nodrag" title="Memberships that ended here — list them" data-count="exited"
            onClick={(e) => { e.stopPropagation(); d.onCount(d.stepId, "exited"); }}>{d.stats.exited} exited</button>
        </div>
      ) : null}
      {d.problems.length ? (
        <ul className="node-problems" role="list">
          {d.problems.slice(0, 3).map((p, i) => <li key={i} title={p.path}>⚠ {p.message}</li>)}
          {d.problems.length > 3 ? <li>…and {d.problems.length - 3} more</li> : null}
        </ul>
      ) : null}
      <div className="slots">
        {d.slots.map((slot, i) => {
          const left = `${((i + 1) / (d.slots.length + 1)) * 100}%`;
          return (
            <div key={slot.kind} className="slot" style={{ left }}>
              {!slot.target && !d.readOnly ? (
                <button type="button" className="add-at nodrag" aria-label={`Add a step at ${slot.label} of ${d.stepId}`}
                  title={`Add a step at “${slot.label}”`} onClick={(e) => { e.stopPropagation(); d.onAddAt(d.stepId, slot.kind); }}>
                  +{d.slots.length > 1 || slot.kind !== "next" ? <span className="slot-label">{slot.label}</span> : null}
                </button>
              ) : null}
              <Handle type="source" id={slot.kind} position={Position.Bottom} style={{ left }} isConnectable={!d.readOnly} />
            </div>
          );
        })}
      </div>
    </div>
  );
});

export const TriggerNode = memo(function TriggerNode({ data, selected }: NodeProps & { data: TriggerNodeData }) {
  const d = data;
  return (
    <div className={`node trigger-node ${selected ? "selected" : ""} ${d.problems.length ? "has-problems" : ""}`} data-step-id="__triggers">
      <div className="node-head"><span className="icon" aria-hidden="true">▶</span><span className="node-title">Triggers</span></div>
      <ul className="trigger-lines">
        {d.lines.length ? d.lines.map((l, i) => <li key={i}>{l}</li>) : <li className="muted">No trigger yet</li>}
      </ul>
      {d.problems.length ? (
        <ul className="node-problems">{d.problems.slice(0, 3).map((p, i) => <li key={i} title={p.path}>⚠ {p.message}</li>)}</ul>
      ) : null}
      {!d.hasEntry && !d.readOnly ? (
        <button type="button" className="add-at nodrag" aria-label="Add the first step" onClick={(e) => { e.stopPropagation(); d.onAddAt("__triggers", "entry"); }}>+ first step</button>
      ) : null}
      <Handle type="source" id="entry" position={Position.Bottom} isConnectable={!d.readOnly} />
    </div>
  );
});

export interface FlowEdgeData extends Record<string, unknown> {
  label: string;
  taken: number | null;
  onPath: boolean;
  readOnly: boolean;
  onInsert: (edgeId: string) => void;
}

export const FlowEdge = memo(function FlowEdge(props: EdgeProps & { data?: FlowEdgeData }) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, selected } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12 });
  const d = data;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd}
        className={`${d?.onPath ? "on-path" : ""} ${selected ? "selected" : ""}`} interactionWidth={24} />
      <EdgeLabelRenderer>
        <div className="edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-edge-id={id}>
          {d?.label ? <span className="edge-kind">{d.label}</span> : null}
          {d?.taken != null ? <span className="edge-count" title="Members who took this edge">{d.taken}</span> : null}
          {!d?.readOnly ? (
            <button type="button" className="edge-insert" aria-label={`Insert a step on edge ${id}`} title="Insert a step here"
              onClick={(e) => { e.stopPropagation(); d?.onInsert(id); }}>+</button>
          ) : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

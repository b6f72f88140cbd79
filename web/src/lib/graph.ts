// Flow JSON ⇄ graph: the edges a step names, and the pure edits the canvas makes (connect, insert on an edge,
// delete, paste). Every function returns new objects; the inputs are never changed (undo keeps the old ones).

import type { FlowDoc, Step } from "./types";

export const TRIGGER_NODE = "__triggers";

/** An outgoing edge slot of a step: `next`, `true`, `false`, `default`, `branch:N`, `no_match`, `timeout`. */
export interface EdgeSlot {
  kind: string;
  label: string;
  target: string | null;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
}

const LINEAR = new Set([
  "send_email", "send_sms", "wait", "update_contact", "add_to_list", "remove_from_list", "send_webhook", "create_page",
]);

export function isBranching(type: string): boolean {
  return type === "condition_check" || type === "split" || type === "wait_for_reply";
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

function matchLabel(match: unknown): string {
  const m = (match ?? {}) as { type?: string; values?: unknown[] };
  const values = Array.isArray(m.values) ? m.values.join(", ") : "";
  if (m.type === "any") return "any reply";
  return values ? `${m.type ?? "keyword"}: ${values}` : (m.type ?? "reply");
}

/** The edge slots of a step, filled or not, in the order the node shows them. */
export function slotsOf(step: Step): EdgeSlot[] {
  const t = step.type;
  if (LINEAR.has(t)) {
    const slots: EdgeSlot[] = [{ kind: "next", label: "next", target: str(step.next_step_id) }];
    if (t === "wait" && step.condition != null) {
      slots.push({ kind: "timeout", label: "timeout", target: str(step.timeout_step_id) });
    }
    return slots;
  }
  if (t === "condition_check") {
    return [
      { kind: "true", label: "true", target: str(step.true_step_id) },
      { kind: "false", label: "false", target: str(step.false_step_id) },
      { kind: "default", label: "default", target: str(step.default_step_id) },
    ];
  }
  if (t === "split") {
    const branches = Array.isArray(step.branches) ? (step.branches as { percent?: number; next_step_id?: string }[]) : [];
    return branches.map((b, i) => ({ kind: `branch:${i}`, label: `${b?.percent ?? 0}%`, target: str(b?.next_step_id) }));
  }
  if (t === "wait_for_reply") {
    const branches = Array.isArray(step.branches) ? (step.branches as { match?: unknown; next_step_id?: string }[]) : [];
    return [
      ...branches.map((b, i) => ({ kind: `branch:${i}`, label: matchLabel(b?.match), target: str(b?.next_step_id) })),
      { kind: "no_match", label: "no match", target: str(step.no_match_step_id) },
      { kind: "timeout", label: "timeout", target: str(step.timeout_step_id) },
    ];
  }
  return []; // drop_from_flow and unknown types end the membership
}

/** The step with one edge slot pointed at `target` (null clears it). */
export function setSlot(step: Step, kind: string, target: string | null): Step {
  const s: Step = { ...step };
  const put = (field: string) => {
    if (target === null) delete s[field];
    else s[field] = target;
  };
  if (kind.startsWith("branch:")) {
    const i = Number(kind.slice(7));
    const branches = Array.isArray(s.branches) ? [...(s.branches as Record<string, unknown>[])] : [];
    if (branches[i]) {
      const b = { ...branches[i] };
      if (target === null) delete b.next_step_id;
      else b.next_step_id = target;
      branches[i] = b;
    }
    s.branches = branches;
    return s;
  }
  const field = {
    next: "next_step_id", true: "true_step_id", false: "false_step_id", default: "default_step_id",
    no_match: "no_match_step_id", timeout: "timeout_step_id",
  }[kind];
  if (field) put(field);
  return s;
}

export function entryOf(doc: Pick<FlowDoc, "entry_step_id" | "steps">): string | null {
  return doc.entry_step_id ?? doc.steps[0]?.step_id ?? null;
}

/** Every edge of the flow, including the triggers → entry edge; edges naming a missing step are left out. */
export function edgesOf(doc: Pick<FlowDoc, "entry_step_id" | "steps">): GraphEdge[] {
  const ids = new Set(doc.steps.map((s) => s.step_id));
  const edges: GraphEdge[] = [];
  const entry = entryOf(doc);
  if (entry && ids.has(entry)) {
    edges.push({ id: `${TRIGGER_NODE}->${entry}`, source: TRIGGER_NODE, target: entry, kind: "entry", label: "" });
  }
  for (const step of doc.steps) {
    for (const slot of slotsOf(step)) {
      if (slot.target && ids.has(slot.target)) {
        edges.push({
          id: `${step.step_id}:${slot.kind}`, source: step.step_id, target: slot.target, kind: slot.kind,
          label: slot.kind === "next" ? "" : slot.label,
        });
      }
    }
  }
  return edges;
}

/** A step id not used yet, from the type's name: `send_email_1`, `send_email_2`, … */
export function freshStepId(doc: Pick<FlowDoc, "steps">, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...doc.steps.map((s) => s.step_id), ...taken]);
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!used.has(id)) return id;
  }
}

function replaceStep(doc: FlowDoc, stepId: string, fn: (s: Step) => Step): FlowDoc {
  return { ...doc, steps: doc.steps.map((s) => (s.step_id === stepId ? fn(s) : s)) };
}

/** Points `source`'s slot `kind` at `target` (or the triggers' entry when source is the trigger node). */
export function connect(doc: FlowDoc, source: string, kind: string, target: string | null): FlowDoc {
  if (source === TRIGGER_NODE) return { ...doc, entry_step_id: target };
  return replaceStep(doc, source, (s) => setSlot(s, kind, target));
}

/** The first slot of a new step that an existing target should hang from after an insert. */
export function firstSlotKind(step: Step): string | null {
  return slotsOf(step)[0]?.kind ?? null;
}

/**
 * Adds `step`. With `after` (a source node and slot) the slot is pointed at the new step and whatever it pointed at
 * before hangs from the new step's first slot: dropping a step on an edge rewires both sides.
 */
export function insertStep(doc: FlowDoc, step: Step, after?: { source: string; kind: string }): FlowDoc {
  let next: FlowDoc = { ...doc, steps: [...doc.steps, step] };
  if (!after) {
    if (doc.steps.length === 0) next.entry_step_id = null; // the first step is the entry
    return next;
  }
  const previous = after.source === TRIGGER_NODE
    ? entryOf(doc)
    : (slotsOf(doc.steps.find((s) => s.step_id === after.source) ?? { step_id: "", type: "" })
        .find((x) => x.kind === after.kind)?.target ?? null);
  const slot = firstSlotKind(step);
  if (previous && slot) next = connect(next, step.step_id, slot, previous);
  if (after.source === TRIGGER_NODE) {
    next = { ...next, entry_step_id: step.step_id };
    // Keep the first step of the list the entry too, so the default and the explicit entry agree.
  } else {
    next = connect(next, after.source, after.kind, step.step_id);
  }
  return next;
}

/**
 * Removes steps. Edges into a removed step that has one way out (a linear step) are passed on to where it led;
 * other edges into it are cleared. Positions and notes of removed steps go too.
 */
export function deleteSteps(doc: FlowDoc, stepIds: string[]): FlowDoc {
  const gone = new Set(stepIds);
  const byId = new Map(doc.steps.map((s) => [s.step_id, s]));
  const passOn = (target: string | null): string | null => {
    const seen = new Set<string>();
    let t = target;
    while (t && gone.has(t) && !seen.has(t)) {
      seen.add(t);
      const removed = byId.get(t);
      const slots = removed ? slotsOf(removed) : [];
      t = slots.length === 1 ? slots[0].target : null;
    }
    return t && gone.has(t) ? null : t;
  };
  const steps = doc.steps
    .filter((s) => !gone.has(s.step_id))
    .map((s) => slotsOf(s).reduce((acc, slot) => (slot.target && gone.has(slot.target)
      ? setSlot(acc, slot.kind, passOn(slot.target)) : acc), s));
  let entry = doc.entry_step_id;
  if (entry && gone.has(entry)) entry = passOn(entry);
  const positions = { ...(doc.ui.positions ?? {}) };
  const notes = { ...(doc.ui.notes ?? {}) };
  for (const id of gone) {
    delete positions[id];
    delete notes[id];
  }
  return { ...doc, steps, entry_step_id: entry, ui: { ...doc.ui, positions, notes } };
}

/** Clears one edge (by the graph edge's id `source:kind`). */
export function deleteEdge(doc: FlowDoc, edgeId: string): FlowDoc {
  if (edgeId.startsWith(TRIGGER_NODE + "->")) return doc; // the entry edge follows the first step
  const { source, kind } = splitEdgeId(edgeId);
  return connect(doc, source, kind, null);
}

export function splitEdgeId(edgeId: string): { source: string; kind: string } {
  const m = /^(.*):(next|true|false|default|no_match|timeout|branch:\d+)$/.exec(edgeId);
  if (!m) return { source: edgeId, kind: "next" };
  return { source: m[1], kind: m[2] };
}

/**
 * Copies of `steps` with fresh ids: edges among the copies follow the copies, edges leaving the set are cleared,
 * and `email_step` rule leaves naming a copied step are renamed with it.
 */
export function cloneSteps(doc: FlowDoc, steps: Step[]): { steps: Step[]; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const s of steps) {
    const base = s.step_id.replace(/_(copy_)?\d+$/, "");
    const id = freshStepId(doc, base, taken);
    taken.add(id);
    ids.set(s.step_id, id);
  }
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rename);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(o)) copy[k] = rename(val);
      if (o.source === "email_step" && typeof o.step_id === "string" && ids.has(o.step_id)) copy.step_id = ids.get(o.step_id);
      return copy;
    }
    return v;
  };
  const out = steps.map((s) => {
    let c = rename(s) as Step;
    c.step_id = ids.get(s.step_id)!;
    for (const slot of slotsOf(s)) {
      c = setSlot(c, slot.kind, slot.target && ids.has(slot.target) ? ids.get(slot.target)! : null);
    }
    return c;
  });
  return { steps: out, ids };
}

/** Step ids reachable from the entry (for greying out what can never run). */
export function reachable(doc: Pick<FlowDoc, "entry_step_id" | "steps">): Set<string> {
  const byId = new Map(doc.steps.map((s) => [s.step_id, s]));
  const seen = new Set<string>();
  const stack = [entryOf(doc)].filter((x): x is string => !!x);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    for (const slot of slotsOf(byId.get(id)!)) if (slot.target) stack.push(slot.target);
  }
  return seen;
}

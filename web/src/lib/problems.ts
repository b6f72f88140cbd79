// Pins problems (`validation_failed` errors and activation `missing` entries, each `{path, message}`) to what they name.

import type { FlowDoc, Problem } from "./types";
import { TRIGGER_NODE } from "./graph";

export interface PinnedProblem extends Problem {
  /** The node the problem is shown on: a step id, the trigger node, or null for the flow as a whole. */
  node: string | null;
  /** The trigger's index when the problem is about a trigger. */
  trigger: number | null;
  /** Which panel section shows it: "step", "trigger", "settings", "flow". */
  area: "step" | "trigger" | "settings" | "flow";
}

export function pinProblem(doc: Pick<FlowDoc, "steps" | "entry_step_id">, problem: Problem): PinnedProblem {
  const path = problem.path ?? "";
  const step = /^steps\[(\d+)\]/.exec(path);
  if (step) {
    const s = doc.steps[Number(step[1])];
    return { ...problem, node: s ? s.step_id : null, trigger: null, area: s ? "step" : "flow" };
  }
  const trigger = /^triggers\[(\d+)\]/.exec(path);
  if (trigger) return { ...problem, node: TRIGGER_NODE, trigger: Number(trigger[1]), area: "trigger" };
  if (path === "triggers") return { ...problem, node: TRIGGER_NODE, trigger: null, area: "trigger" };
  if (path === "entry_step_id") {
    const id = doc.entry_step_id;
    return { ...problem, node: id && doc.steps.some((s) => s.step_id === id) ? id : TRIGGER_NODE, trigger: null, area: "flow" };
  }
  if (path.startsWith("settings") || path.startsWith("disqualification_rules") || path.startsWith("reentry_policy")) {
    return { ...problem, node: null, trigger: null, area: "settings" };
  }
  return { ...problem, node: null, trigger: null, area: "flow" };
}

export function pinProblems(doc: Pick<FlowDoc, "steps" | "entry_step_id">, problems: Problem[]): PinnedProblem[] {
  return problems.map((p) => pinProblem(doc, p));
}

/** Problems grouped by node id, for the canvas badges. */
export function byNode(pinned: PinnedProblem[]): Map<string, PinnedProblem[]> {
  const map = new Map<string, PinnedProblem[]>();
  for (const p of pinned) {
    if (!p.node) continue;
    const list = map.get(p.node) ?? [];
    list.push(p);
    map.set(p.node, list);
  }
  return map;
}

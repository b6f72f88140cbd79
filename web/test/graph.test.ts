import { describe, expect, it } from "vitest";
import { cloneSteps, connect, deleteEdge, deleteSteps, edgesOf, insertStep, reachable, slotsOf, splitEdgeId, TRIGGER_NODE } from "../src/lib/graph";
import type { FlowDoc, Step } from "../src/lib/types";

const doc = (steps: Step[], entry: string | null = null): FlowDoc => ({
  name: "t", description: "", reentry_policy: { mode: "no_reentry" }, triggers: [{ type: "api" }], entry_step_id: entry, steps,
  disqualification_rules: null, settings: {}, ui: {},
});

// The seed's welcome series (API.md §8.1).
const welcome = () => doc([
  { step_id: "hello", type: "send_email", email_id: "e1", next_step_id: "pause" },
  { step_id: "pause", type: "wait", duration_amount: 2, duration_unit: "days", next_step_id: "check" },
  { step_id: "check", type: "condition_check", condition: { source: "email_step", step_id: "hello", operator: "opened" },
    true_step_id: "thanks", false_step_id: "nudge" },
  { step_id: "thanks", type: "send_email", email_id: "e2" },
  { step_id: "nudge", type: "send_email", email_id: "e3" },
]);

describe("flow JSON → graph", () => {
  it("gives every edge of the welcome series, labelled, with the trigger edge into the entry", () => {
    const edges = edgesOf(welcome());
    expect(edges.map((e) => [e.source, e.kind, e.target, e.label])).toEqual([
      [TRIGGER_NODE, "entry", "hello", ""],
      ["hello", "next", "pause", ""],
      ["pause", "next", "check", ""],
      ["check", "true", "thanks", "true"],
      ["check", "false", "nudge", "false"],
    ]);
  });

  it("names split, reply, no_match and timeout edges as step-stats does", () => {
    const d = doc([
      { step_id: "s", type: "split", branches: [{ percent: 30, next_step_id: "r" }, { percent: 70, next_step_id: "w" }] },
      { step_id: "r", type: "wait_for_reply", timeout_minutes: 5, branches: [{ match: { type: "keyword", values: ["YES"] }, next_step_id: "w" }],
        no_match_step_id: "d", timeout_step_id: "d" },
      { step_id: "w", type: "wait", condition: { source: "contact", field: "plan", operator: "is_set" }, timeout_minutes: 10, timeout_step_id: "d", next_step_id: "d" },
      { step_id: "d", type: "drop_from_flow" },
    ]);
    const edges = edgesOf(d).map((e) => `${e.source}:${e.kind}>${e.target}[${e.label}]`);
    expect(edges).toEqual([
      `${TRIGGER_NODE}:entry>s[]`, "s:branch:0>r[30%]", "s:branch:1>w[70%]", "r:branch:0>w[keyword: YES]", "r:no_match>d[no match]",
      "r:timeout>d[timeout]", "w:next>d[]", "w:timeout>d[timeout]",
    ]);
    expect(slotsOf(d.steps[3])).toEqual([]);
  });

  it("leaves out edges to missing steps and follows an explicit entry", () => {
    const d = doc([{ step_id: "a", type: "wait", next_step_id: "ghost" }, { step_id: "b", type: "send_sms", body: "hi", next_step_id: "a" }], "b");
    expect(edgesOf(d).map((e) => e.id)).toEqual([`${TRIGGER_NODE}->b`, "b:next"]);
    expect([...reachable(d)].sort()).toEqual(["a", "b"]);
  });

  it("splits edge ids back into source and slot, also for step ids with colons", () => {
    expect(splitEdgeId("a:b:branch:2")).toEqual({ source: "a:b", kind: "branch:2" });
    expect(splitEdgeId("x.y:no_match")).toEqual({ source: "x.y", kind: "no_match" });
  });
});

describe("edge rewiring", () => {
  it("inserting on an edge rewires both sides", () => {
    const d = insertStep(welcome(), { step_id: "sms", type: "send_sms", body: "hey" }, { source: "pause", kind: "next" });
    const byId = Object.fromEntries(d.steps.map((s) => [s.step_id, s]));
    expect(byId.pause.next_step_id).toBe("sms");
    expect(byId.sms.next_step_id).toBe("check");
  });

  it("inserting on a branch edge keeps the other branch", () => {
    const d = insertStep(welcome(), { step_id: "w2", type: "wait", duration_amount: 1, duration_unit: "hours" }, { source: "check", kind: "false" });
    const check = d.steps.find((s) => s.step_id === "check")!;
    expect(check.false_step_id).toBe("w2");
    expect(check.true_step_id).toBe("thanks");
    expect(d.steps.find((s) => s.step_id === "w2")!.next_step_id).toBe("nudge");
  });

  it("inserting at the start makes the new step the entry and hangs the old entry from it", () => {
    const d = insertStep(welcome(), { step_id: "first", type: "update_contact", updates: [] }, { source: TRIGGER_NODE, kind: "entry" });
    expect(d.entry_step_id).toBe("first");
    expect(d.steps.find((s) => s.step_id === "first")!.next_step_id).toBe("hello");
  });

  it("connect and deleteEdge set and clear one slot", () => {
    const d = connect(welcome(), "check", "default", "nudge");
    expect(d.steps.find((s) => s.step_id === "check")!.default_step_id).toBe("nudge");
    const e = deleteEdge(d, "check:true");
    expect(e.steps.find((s) => s.step_id === "check")!.true_step_id).toBeUndefined();
    expect(e.steps.find((s) => s.step_id === "check")!.default_step_id).toBe("nudge");
  });

  it("deleting a linear step passes its incoming edges on; deleting a branch clears them", () => {
    const d = deleteSteps(welcome(), ["pause"]);
    expect(d.steps.find((s) => s.step_id === "hello")!.next_step_id).toBe("check");
    const e = deleteSteps(welcome(), ["check"]);
    expect(e.steps.find((s) => s.step_id === "pause")!.next_step_id).toBeUndefined();
    const f = deleteSteps(welcome(), ["hello"]);
    expect(f.entry_step_id).toBe(null);
    expect(f.steps[0].step_id).toBe("pause");
  });

  it("deleting the explicit entry moves the entry on", () => {
    const d = deleteSteps({ ...welcome(), entry_step_id: "hello" }, ["hello"]);
    expect(d.entry_step_id).toBe("pause");
  });

  it("pasted copies get fresh ids, keep their inner edges and email_step references", () => {
    const w = welcome();
    const { steps, ids } = cloneSteps(w, w.steps.slice(0, 3));
    expect([...ids.values()]).toEqual(["hello_1", "pause_1", "check_1"]);
    expect(steps[0].next_step_id).toBe("pause_1");
    expect(steps[2].true_step_id).toBeUndefined(); // thanks was not copied
    expect((steps[2].condition as { step_id: string }).step_id).toBe("hello_1");
    expect(w.steps[0].next_step_id).toBe("pause"); // the original is untouched
  });
});

describe("layout", () => {
  it("lays out 500 steps in layers, one rank per step of a chain, and survives cycles", async () => {
    const { layout, layeredLayout } = await import("../src/lib/layout");
    const ids = Array.from({ length: 501 }, (_, i) => `s${i}`);
    const edges = ids.slice(1).map((id, i) => ({ id: `${ids[i]}:next`, source: ids[i], target: id, kind: "next", label: "" }));
    edges.push({ id: "s500:next", source: "s500", target: "s3", kind: "next", label: "" }); // a loop back
    const started = performance.now();
    const p = layout(ids, edges);
    expect(performance.now() - started).toBeLessThan(200);
    expect(p.s0.y).toBeLessThan(p.s1.y);
    expect(p.s500.y).toBeGreaterThan(p.s499.y);
    const branchy = layeredLayout(["a", "b", "c", "d"], [
      { id: "a:true", source: "a", target: "b", kind: "true", label: "" }, { id: "a:false", source: "a", target: "c", kind: "false", label: "" },
      { id: "b:next", source: "b", target: "d", kind: "next", label: "" }, { id: "c:next", source: "c", target: "d", kind: "next", label: "" }]);
    expect(branchy.b.y).toBe(branchy.c.y);
    expect(branchy.b.x).not.toBe(branchy.c.x);
    expect(branchy.d.y).toBeGreaterThan(branchy.b.y);
  });
});

import { describe, expect, it } from "vitest";
import { History } from "../src/lib/history";
import { insertStep } from "../src/lib/graph";
import type { FlowDoc } from "../src/lib/types";

describe("undo/redo", () => {
  it("keeps at least 100 levels and restores the exact JSON", () => {
    const start: FlowDoc = { name: "n", description: null, reentry_policy: { mode: "no_reentry" }, triggers: [{ type: "api" }],
      entry_step_id: null, steps: [], disqualification_rules: null, settings: { timezone: "UTC" }, ui: {} };
    const h = new History(start);
    const snapshots = [JSON.stringify(start)];
    let d = start;
    for (let i = 0; i < 150; i++) {
      d = insertStep(d, { step_id: `s${i}`, type: "wait", duration_amount: i + 1, duration_unit: "minutes" },
        i === 0 ? { source: "__triggers", kind: "entry" } : { source: `s${i - 1}`, kind: "next" });
      h.push(d);
      snapshots.push(JSON.stringify(d));
    }
    for (let i = 149; i >= 0; i--) expect(JSON.stringify(h.undo())).toBe(snapshots[i]);
    expect(h.canUndo).toBe(false);
    expect(JSON.stringify(h.present)).toBe(JSON.stringify(start));
    for (let i = 1; i <= 150; i++) expect(JSON.stringify(h.redo())).toBe(snapshots[i]);
    expect(h.canRedo).toBe(false);
  });

  it("a new edit after undo drops the redo branch; replace coalesces", () => {
    const h = new History(1);
    h.push(2); h.push(3);
    h.undo();
    h.push(4);
    expect(h.canRedo).toBe(false);
    h.replace(5);
    expect(h.undo()).toBe(2);
    expect(h.undo()).toBe(1);
  });

  it("forgets the oldest edits past its limit", () => {
    const h = new History(0, 100);
    for (let i = 1; i <= 120; i++) h.push(i);
    expect(h.depth).toBe(100);
    let last = 120;
    while (h.canUndo) last = h.undo();
    expect(last).toBe(20);
  });
});

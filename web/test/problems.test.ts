import { describe, expect, it } from "vitest";
import { byNode, pinProblems } from "../src/lib/problems";
import { TRIGGER_NODE } from "../src/lib/graph";

const d = { entry_step_id: null, steps: [{ step_id: "hello", type: "send_email" }, { step_id: "split_1", type: "split" }] };

describe("error path → node", () => {
  it("pins step, trigger, entry and settings problems", () => {
    const pinned = pinProblems(d, [
      { path: "steps[0].email_id", message: "send_email step has no email" },
      { path: "steps[1].branches", message: "split does not sum to 100" },
      { path: "steps[1].branches[0].next_step_id", message: "names a missing step" },
      { path: "triggers[2].list_id", message: "no list" },
      { path: "triggers", message: "at most 25" },
      { path: "settings.quiet_hours.start", message: "HH:MM" },
      { path: "steps", message: "no steps" },
      { path: "steps[7].type", message: "out of range" },
    ]);
    expect(pinned.map((p) => [p.node, p.trigger, p.area])).toEqual([
      ["hello", null, "step"], ["split_1", null, "step"], ["split_1", null, "step"], [TRIGGER_NODE, 2, "trigger"],
      [TRIGGER_NODE, null, "trigger"], [null, null, "settings"], [null, null, "flow"], [null, null, "flow"],
    ]);
    const grouped = byNode(pinned);
    expect(grouped.get("split_1")!.length).toBe(2);
    expect(grouped.get(TRIGGER_NODE)!.map((p) => p.message)).toEqual(["no list", "at most 25"]);
  });

  it("pins entry_step_id to the named step, or the triggers when it names none", () => {
    expect(pinProblems({ ...d, entry_step_id: "split_1" }, [{ path: "entry_step_id", message: "x" }])[0].node).toBe("split_1");
    expect(pinProblems({ ...d, entry_step_id: "ghost" }, [{ path: "entry_step_id", message: "x" }])[0].node).toBe(TRIGGER_NODE);
  });
});

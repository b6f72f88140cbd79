import { describe, expect, it } from "vitest";
import { STEP_TYPES, stepSummary, triggerSummary } from "../src/lib/steps";

describe("node summaries", () => {
  it("says what each step does in one line", () => {
    expect(stepSummary({ step_id: "w", type: "wait", duration_amount: 2, duration_unit: "days", at_time: "09:00", at_timezone: "contact" }))
      .toBe("Wait 2 days, then 09:00 contact time");
    expect(stepSummary({ step_id: "w", type: "wait", duration_amount: 1, duration_unit: "hours" })).toBe("Wait 1 hour");
    expect(stepSummary({ step_id: "c", type: "condition_check", condition: { source: "email_step", step_id: "hello", operator: "opened" } }))
      .toBe("If email hello opened");
    expect(stepSummary({ step_id: "s", type: "split", branches: [{ percent: 50 }, { percent: 50 }] })).toBe("Split 50% / 50%");
    expect(stepSummary({ step_id: "h", type: "send_webhook", endpoint_url: "https://hooks.example.com/x", method: "put" })).toBe("PUT hooks.example.com");
    expect(stepSummary({ step_id: "e", type: "send_email", email_id: "abc" }, { email: () => "Welcome", list: () => undefined, form: () => undefined }))
      .toBe("Send “Welcome”");
    expect(stepSummary({ step_id: "e", type: "send_email" })).toBe("No email chosen");
  });

  it("covers every step type of API.md §8.3 with an icon and a summary", () => {
    const types = ["send_email", "send_sms", "wait", "wait_for_reply", "update_contact", "add_to_list", "remove_from_list",
      "condition_check", "split", "send_webhook", "create_page", "drop_from_flow"];
    expect(STEP_TYPES.map((t) => t.type).sort()).toEqual([...types].sort());
    for (const t of STEP_TYPES) {
      expect(t.icon.length).toBeGreaterThan(0);
      expect(stepSummary({ step_id: "x", type: t.type, ...t.make() })).not.toBe(t.type);
    }
    expect(triggerSummary({ type: "event", name: "order_placed" })).toBe("Event order_placed");
  });
});

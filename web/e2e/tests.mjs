import assert from "node:assert/strict";

async function signIn(page, server) {
  await page.goto(server.url + "/");
  await page.getByLabel("API key").fill(server.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("workspace").filter({ hasText: "Default" }).waitFor();
}

async function approvedEmail(api, name) {
  const e = await api("POST", "/v1/emails", { name, subject: `${name} subject`, html: `<p>${name}, {{ contact.first_name }}</p>`,
    text: name, from_email: "team@example.com", from_name: "Team" });
  await api("POST", `/v1/emails/${e.id}/approve`);
  return e;
}

const side = (page) => page.getByRole("complementary", { name: "Panels" });
const node = (page, id) => page.locator(`.react-flow__node [data-step-id="${id}"]`);
const saved = (page) => page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();

async function addAt(page, ariaLabel, type) {
  await page.getByRole("button", { name: ariaLabel, exact: true }).click();
  await page.locator(`.palette-item[data-step-type="${type}"]`).click();
}

async function structure(api, id) {
  const f = await api("GET", `/v1/flows/${id}`);
  return JSON.stringify({ triggers: f.triggers, steps: f.steps, entry_step_id: f.entry_step_id, name: f.name, settings: f.settings,
    reentry_policy: f.reentry_policy, disqualification_rules: f.disqualification_rules });
}

async function flowIdOf(page) {
  await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
  return page.url().split("/flows/")[1];
}

export const tests = [
  {
    name: "welcome series built by clicking, activated, triggered and watched",
    async run({ page, server, shot }) {
      const { api } = server;
      await approvedEmail(api, "Welcome");
      await approvedEmail(api, "Thanks for reading");
      await approvedEmail(api, "Did you see this");
      await signIn(page, server);
      await page.getByLabel("New flow name").fill("Welcome series");
      await page.getByRole("button", { name: "Create flow" }).click();
      const id = await flowIdOf(page);

      await addAt(page, "Add the first step", "send_email");
      await side(page).getByLabel("Email", { exact: true }).selectOption({ label: "Welcome" });
      await addAt(page, "Add a step at next of email_1", "wait");
      await side(page).getByLabel("Amount").fill("2");
      await addAt(page, "Add a step at next of wait_1", "condition_check");
      await side(page).getByLabel("Source").selectOption("email_step");
      await side(page).getByLabel("Operator").selectOption("opened");
      await addAt(page, "Add a step at true of check_1", "send_email");
      await side(page).getByLabel("Email", { exact: true }).selectOption({ label: "Thanks for reading" });
      await addAt(page, "Add a step at false of check_1", "send_email");
      await side(page).getByLabel("Email", { exact: true }).selectOption({ label: "Did you see this" });
      await saved(page);
      await node(page, "wait_1").filter({ hasText: "Wait 2 days" }).waitFor();
      await node(page, "check_1").filter({ hasText: "If email email_1 opened" }).waitFor();

      await page.getByRole("button", { name: "Activate", exact: true }).click();
      await page.getByTestId("flow-status").filter({ hasText: "active" }).waitFor();
      const flow = await api("GET", `/v1/flows/${id}`);
      assert.equal(flow.status, "active");
      assert.deepEqual(flow.steps.map((s) => [s.step_id, s.type]), [["email_1", "send_email"], ["wait_1", "wait"], ["check_1", "condition_check"], ["email_2", "send_email"], ["email_3", "send_email"]]);
      const check = flow.steps.find((s) => s.step_id === "check_1");
      assert.deepEqual(check.condition, { source: "email_step", step_id: "email_1", operator: "opened" });
      assert.equal(check.true_step_id, "email_2");
      assert.equal(check.false_step_id, "email_3");

      const run = await api("POST", `/v1/flows/${id}/trigger`, { email: "ada@example.com", contact: { first_name: "Ada" } });
      assert.equal(run.status, "started");
      await api("POST", "/v1/dev/clock", { advance_seconds: 0 });
      await node(page, "wait_1").locator('[data-count="at_step"]').filter({ hasText: "1 here" }).waitFor({ timeout: 10_000 });
      await api("POST", "/v1/dev/clock", { advance_seconds: 2 * 86400 + 60 });
      await node(page, "email_3").locator('[data-count="executed"]').filter({ hasText: "1 ran" }).waitFor({ timeout: 10_000 });
      await node(page, "email_2").locator('[data-count="executed"]').filter({ hasText: "0 ran" }).waitFor();
      await page.locator('[data-edge-id="check_1:false"] .edge-count').filter({ hasText: "1" }).waitFor();

      await side(page).getByRole("tab", { name: "Members" }).click();
      await side(page).locator(".member-list button").first().click();
      const timeline = side(page).getByRole("list", { name: "Timeline" });
      await timeline.filter({ hasText: "Entered the flow" }).waitFor();
      await timeline.filter({ hasText: "Email sent" }).waitFor();
      await side(page).locator(".member-detail .badge.completed").waitFor();
      await timeline.filter({ hasText: "Took false → email_3" }).waitFor();
      await node(page, "email_3").and(page.locator(".on-path")).waitFor();
      await shot("1-welcome-series");
    },
  },
  {
    name: "activation errors appear on the right nodes",
    async run({ page, server, shot }) {
      const { api } = server;
      const f = await api("POST", "/v1/flows", {
        name: "Broken flow", triggers: [{ type: "api" }, { type: "added_to_static_list" }],
        steps: [
          { step_id: "mail", type: "send_email", next_step_id: "ab" },
          { step_id: "ab", type: "split", branches: [{ percent: 60, next_step_id: "bye" }, { percent: 30, next_step_id: "bye" }] },
          { step_id: "bye", type: "drop_from_flow" },
          { step_id: "lonely", type: "wait", duration_amount: 1, duration_unit: "hours" },
        ],
      });
      await signIn(page, server);
      await page.goto(`${server.url}/flows/${f.id}`);
      await page.getByRole("button", { name: "Activate", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "Not activated" }).waitFor();
      for (const id of ["mail", "ab", "lonely", "__triggers"]) {
        await page.locator(`.react-flow__node [data-step-id="${id}"].has-problems`).waitFor();
      }
      await page.locator('.react-flow__node [data-step-id="bye"]:not(.has-problems)').waitFor();
      assert.match(await node(page, "mail").locator(".node-problems").innerText(), /email/i);
      assert.match(await node(page, "ab").locator(".node-problems").innerText(), /100/);
      const summary = side(page).getByRole("region", { name: "Problems" });
      assert.ok((await summary.locator("li").count()) >= 4);
      await summary.getByRole("button", { name: /^ab:/ }).click();
      await side(page).getByRole("form", { name: /split step ab/i }).waitFor();
      await shot("2-activation-errors");
      assert.equal((await api("GET", `/v1/flows/${f.id}`)).status, "draft");
    },
  },
  {
    name: "pause, edit and reactivate makes version 2",
    async run({ page, server, shot }) {
      const { api } = server;
      const e1 = await approvedEmail(api, "Hello");
      const e2 = await approvedEmail(api, "Later");
      const f = await api("POST", "/v1/flows", {
        name: "Versioned", triggers: [{ type: "api" }],
        steps: [
          { step_id: "hello", type: "send_email", email_id: e1.id, next_step_id: "pause" },
          { step_id: "pause", type: "wait", duration_amount: 1, duration_unit: "days", next_step_id: "later" },
          { step_id: "later", type: "send_email", email_id: e2.id },
        ],
      });
      await api("POST", `/v1/flows/${f.id}/activate`);
      await api("POST", `/v1/flows/${f.id}/trigger`, { email: "grace@example.com" });
      await api("POST", "/v1/dev/clock", { advance_seconds: 0 });
      await signIn(page, server);
      await page.goto(`${server.url}/flows/${f.id}`);
      await page.getByRole("note").filter({ hasText: "read-only" }).waitFor();
      assert.equal(await page.locator(".palette-item").first().isDisabled(), true);
      await page.getByRole("button", { name: "Pause to edit" }).click();
      await page.getByTestId("flow-status").filter({ hasText: "paused" }).waitFor();
      await node(page, "pause").locator('[data-count="at_step"]').filter({ hasText: "1 here" }).waitFor();
      await node(page, "pause").click();
      await page.keyboard.press("Delete");
      await saved(page);
      await page.getByTestId("paused-banner").filter({ hasText: "version 2" }).waitFor();
      await addAt(page, "Add a step at next of later", "drop_from_flow");
      await saved(page);
      await page.getByRole("button", { name: "Reactivate" }).click();
      const info = page.getByTestId("reactivate-info");
      await info.filter({ hasText: "version 2" }).waitFor();
      assert.match(await info.innerText(), /1 member is on steps you removed \(pause\)/);
      await shot("3-reactivate-dialog");
      await page.getByRole("alertdialog").getByRole("button", { name: "Reactivate" }).click();
      await page.getByTestId("flow-status").filter({ hasText: "active" }).waitFor();
      await page.getByTestId("flow-version").filter({ hasText: "v2" }).waitFor();
      const flow = await api("GET", `/v1/flows/${f.id}`);
      assert.equal(flow.version, 2);
      assert.deepEqual(flow.steps.map((s) => s.step_id), ["hello", "later", "drop_1"]);
      assert.equal(flow.steps[0].next_step_id, "later");
      await shot("3-version-2");
    },
  },
  {
    name: "undo and redo restore the exact JSON",
    async run({ page, server, shot }) {
      const { api } = server;
      const f = await api("POST", "/v1/flows", {
        name: "Undo me", triggers: [{ type: "api" }],
        steps: [
          { step_id: "a", type: "send_sms", body: "Hi {{ contact.first_name }}", next_step_id: "b" },
          { step_id: "b", type: "wait", duration_amount: 3, duration_unit: "hours", next_step_id: "c" },
          { step_id: "c", type: "condition_check", condition: { all: [{ source: "contact", field: "plan", operator: "eq", value: "pro" }] }, true_step_id: "d" },
          { step_id: "d", type: "drop_from_flow" },
        ],
      });
      const before = await structure(api, f.id);
      await signIn(page, server);
      await page.goto(`${server.url}/flows/${f.id}`);
      await node(page, "a").waitFor();
      // Six edits of different kinds: insert on an edge, a field, a branch, a delete, a trigger, a setting.
      await page.getByRole("button", { name: "Insert a step on edge a:next" }).click();
      await page.locator('.palette-item[data-step-type="update_contact"]').click();
      await side(page).getByLabel("Field", { exact: true }).selectOption("first_name");
      await addAt(page, "Add a step at false of c", "split");
      await node(page, "b").click();
      await page.keyboard.press("Delete");
      await side(page).getByRole("tab", { name: "Triggers" }).click();
      await side(page).getByRole("button", { name: "+ Trigger" }).click();
      await side(page).getByRole("tab", { name: "Settings" }).click();
      await side(page).getByLabel("Exit when the contact unsubscribes").uncheck();
      await saved(page);
      const edited = await structure(api, f.id);
      assert.notEqual(edited, before);
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 300 } });
      let undos = 0;
      while (await page.getByRole("button", { name: "Undo" }).isEnabled()) {
        await page.keyboard.press("Control+z");
        undos++;
        assert.ok(undos < 200, "undo never ends");
      }
      assert.ok(undos >= 6, `only ${undos} undo levels`);
      await saved(page);
      assert.equal(await structure(api, f.id), before);
      while (await page.getByRole("button", { name: "Redo" }).isEnabled()) await page.keyboard.press("Control+Shift+z");
      await saved(page);
      assert.equal(await structure(api, f.id), edited);
      await shot("4-undo-redo");
    },
  },
  {
    name: "test run panel enrolls, advances the dev clock and shows the outbox",
    async run({ page, server, shot }) {
      const { api } = server;
      const e1 = await approvedEmail(api, "First touch");
      const e2 = await approvedEmail(api, "Second touch");
      const f = await api("POST", "/v1/flows", {
        name: "Test-run flow", triggers: [{ type: "api" }],
        steps: [
          { step_id: "one", type: "send_email", email_id: e1.id, next_step_id: "nap" },
          { step_id: "nap", type: "wait", duration_amount: 3, duration_unit: "hours", next_step_id: "two" },
          { step_id: "two", type: "send_email", email_id: e2.id },
        ],
      });
      await api("POST", `/v1/flows/${f.id}/activate`);
      await signIn(page, server);
      await page.goto(`${server.url}/flows/${f.id}`);
      await side(page).getByRole("tab", { name: "Test run" }).click();
      const panel = side(page).getByRole("region", { name: "Test run" });
      await panel.getByLabel("Test contact email").fill("tester@example.com");
      await panel.getByLabel("Context (JSON)").fill('{"plan": "pro"}');
      await panel.getByRole("button", { name: "Enroll test contact" }).click();
      const where = panel.getByLabel("Test member");
      await where.filter({ hasText: "waiting" }).waitFor();
      await where.filter({ hasText: "nap" }).waitFor();
      await panel.getByRole("list", { name: "Dev outbox" }).filter({ hasText: "First touch subject" }).waitFor();
      await node(page, "nap").and(page.locator(".on-path")).waitFor();
      await panel.getByLabel("Advance by").fill("4");
      await panel.getByLabel("Unit").selectOption("hours");
      await panel.getByRole("button", { name: "Advance clock" }).click();
      await where.filter({ hasText: "completed" }).waitFor();
      await panel.getByRole("list", { name: "Dev outbox" }).filter({ hasText: "Second touch subject" }).waitFor();
      const members = await api("GET", `/v1/flows/${f.id}/members`);
      assert.equal(members.members.length, 1);
      assert.deepEqual((await api("GET", `/v1/flows/${f.id}/members/${members.members[0].id}`)).context, { plan: "pro" });
      await side(page).getByRole("tab", { name: "Code" }).click();
      assert.match(await page.getByTestId("snippet").innerText(), new RegExp(`/v1/flows/${f.id}/trigger`));
      await side(page).getByRole("tab", { name: "Test run" }).click();
      await panel.getByRole("list", { name: "Dev outbox" }).filter({ hasText: "Second touch subject" }).waitFor();
      await node(page, "two").locator('[data-count="executed"]').filter({ hasText: "1 ran" }).waitFor();
      await shot("5-test-run");
    },
  },
];

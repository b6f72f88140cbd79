// Every method of the server client that today's server implements, against the real server, with the case mapping
// checked on the way in (what the server stored) and on the way out (what the SDK returned).
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunnelError } from "../dist/esm/index.js";
import { activeApiFlow, admin, advance, newWorkspace } from "./helpers.mjs";

const { runnel } = await newWorkspace("resources");

test("contacts: upsert, get, list, update, memberships, events, delete — with custom field keys untouched", async () => {
  const field = await runnel.customFields.create({ apiName: "plan_tier", label: "Plan tier", type: "text" });
  assert.equal(field.apiName, "plan_tier");

  const first = await runnel.contacts.upsert({
    email: "Ada@Example.com", firstName: "Ada", lastName: "Lovelace", emailSubscriptionStatus: "subscribed",
    externalId: "user_42", fields: { plan_tier: "pro" },
  });
  assert.equal(first.created, true);
  assert.equal(first.contact.email, "ada@example.com");
  assert.equal(first.contact.firstName, "Ada");
  assert.equal(first.contact.emailSubscriptionStatus, "subscribed");
  assert.deepEqual(first.contact.fields, { plan_tier: "pro" }, "a snake_case custom field key stays as written");

  const again = await runnel.contacts.upsert({ externalId: "user_42", lastName: "King" });
  assert.equal(again.created, false);
  assert.equal(again.contactId, first.contactId);
  assert.equal(again.contact.firstName, "Ada", "only fields present in the body change");

  const got = await runnel.contacts.get(first.contactId);
  assert.equal(got.lastName, "King");
  assert.equal(got.externalId, "user_42");

  const byEmail = await runnel.contacts.list({ email: "ada@example.com" });
  assert.deepEqual(byEmail.items.map((c) => c.id), [first.contactId]);
  assert.equal(byEmail.pagination.total, 1);
  const byExternal = await runnel.contacts.list({ externalId: "user_42", limit: 5 });
  assert.equal(byExternal.items[0].id, first.contactId, "externalId is sent as external_id");

  const updated = await runnel.contacts.update(first.contactId, { timezone: "Europe/London", fields: { plan_tier: "team" } });
  assert.equal(updated.timezone, "Europe/London");
  assert.equal(updated.fields.plan_tier, "team");

  const tracked = await runnel.events.track({
    name: "order_placed", contactId: first.contactId, eventId: "evt_1",
    properties: { orderTotal: 120, line_items: 2, "Gift-Wrap": true }, occurredAt: new Date(),
  });
  assert.equal(typeof tracked.eventId, "string");
  const events = await runnel.contacts.events(first.contactId);
  const order = events.items.find((e) => e.name === "order_placed");
  assert.ok(order, "the tracked event is listed");
  assert.deepEqual(order.properties, { orderTotal: 120, line_items: 2, "Gift-Wrap": true }, "properties keys untouched");

  const flow = await activeApiFlow(runnel);
  const run = await runnel.flows.trigger({ flowId: flow.id, contactId: first.contactId, context: { cartId: "987" } });
  const memberships = await runnel.contacts.memberships(first.contactId);
  assert.deepEqual(memberships.items.map((m) => m.id), [run.id]);
  assert.equal(memberships.items[0].flowId, flow.id);

  assert.equal(await runnel.contacts.delete(first.contactId), undefined, "204 resolves to undefined");
  const erased = await runnel.contacts.get(first.contactId).catch((e) => e);
  if (erased instanceof RunnelError) assert.equal(erased.status, 404);
  else assert.equal(erased.email, null, "personal data removed");

  const fields = await runnel.customFields.list();
  assert.ok(fields.items.some((f) => f.apiName === "plan_tier"));
  const archived = await runnel.customFields.update("plan_tier", { label: "Tier", status: "archived" });
  assert.equal(archived.label, "Tier");
  assert.equal(archived.status, "archived");
});

test("flows: create, get, update, steps, activate, trigger, enroll, members, pause, archive, delete", async () => {
  const flow = await runnel.flows.create({
    name: "Welcome", description: "first", triggers: [{ type: "api" }],
    reentryPolicy: { mode: "after_exit" },
    settings: { allowPublicTrigger: false, sessionTtlMinutes: 60 },
    steps: [{ stepId: "pause", type: "wait", durationAmount: 2, durationUnit: "days", nextStepId: "hook" },
      { stepId: "hook", type: "send_webhook", endpointUrl: "https://example.com/hook",
        customFields: { Order_ID: "{{context.cartId}}", plainKey: 1 } }],
  });
  assert.equal(flow.status, "draft");
  assert.equal(flow.reentryPolicy.mode, "after_exit");
  assert.equal(flow.settings.sessionTtlMinutes, 60);
  assert.equal(flow.steps[0].durationUnit, "days");
  assert.equal(flow.steps[0].nextStepId, "hook");
  assert.deepEqual(flow.steps[1].customFields, { Order_ID: "{{context.cartId}}", plainKey: 1 }, "custom_fields keys untouched");
  assert.equal(flow.stats.totalEntered, 0);

  assert.equal((await runnel.flows.get(flow.id)).name, "Welcome");
  const renamed = await runnel.flows.update(flow.id, { name: "Welcome series", description: "second" });
  assert.equal(renamed.name, "Welcome series");
  assert.equal(renamed.description, "second");

  let f = await runnel.flows.steps.insert(flow.id, { stepId: "hello", type: "send_email" }, { position: "start" });
  assert.deepEqual(f.steps.map((s) => s.stepId), ["hello", "pause", "hook"]);
  f = await runnel.flows.steps.update(flow.id, "hello", { nextStepId: "pause", label: "Say hello" });
  assert.equal(f.steps[0].label, "Say hello");
  f = await runnel.flows.steps.setEmail(flow.id, "hello", { source: "html", subject: "Hi {{contact.first_name}}", html: "<p>Welcome</p>" });
  const emailId = f.steps[0].emailId;
  assert.equal(typeof emailId, "string", "the step shows its email_id");

  const dryRun = await runnel.flows.validate(flow.id);
  assert.equal(dryRun.ready, false);
  const notReady = await runnel.flows.activate(flow.id).catch((e) => e);
  assert.ok(notReady instanceof RunnelError);
  assert.equal(notReady.status, 400);
  assert.equal(notReady.errorCode, "flow_not_ready");
  assert.ok(notReady.missing.some((m) => m.path.includes("email")), JSON.stringify(notReady.missing));

  f = await runnel.flows.steps.delete(flow.id, "hook");
  assert.deepEqual(f.steps.map((s) => s.stepId), ["hello", "pause"]);
  f = await runnel.flows.steps.replace(flow.id, [
    { stepId: "hello", type: "send_email", emailId, nextStepId: "pause" },
    { stepId: "pause", type: "wait", durationAmount: 1, durationUnit: "days" },
  ]);
  assert.equal(f.steps.length, 2);
  await runnel.emails.update(emailId, { fromEmail: "hello@runnel.test", fromName: "Runnel" });
  await runnel.emails.approve(emailId);
  const active = await runnel.flows.activate(flow.id);
  assert.equal(active.status, "active");
  assert.equal(active.version, 1);

  const run = await runnel.flows.trigger({ flowId: flow.id, email: "grace@example.com", context: { cartId: "987", Nested_Key: { a_b: 1 } } });
  assert.equal(run.status, "started");
  assert.equal(run.flowId, flow.id);
  assert.equal(run.flowName, "Welcome series");
  const repeat = await runnel.flows.trigger({ flowId: flow.id, contactId: run.contactId });
  assert.equal(repeat.status, "already_running");
  assert.equal(repeat.id, run.id);

  await advance(0); // runs the send_email step
  const outbox = await runnel.dev.outbox({ to: "grace@example.com" });
  assert.equal(outbox.items.length, 1);
  assert.equal(outbox.items[0].channel, "email");
  assert.ok(Object.keys(outbox.items[0].headers).some((h) => h.toLowerCase() === "list-unsubscribe"), "header names untouched");

  const member = await runnel.flows.members.get(flow.id, run.id);
  assert.deepEqual(member.context, { cartId: "987", Nested_Key: { a_b: 1 } }, "context keys untouched both ways");
  assert.ok(member.timeline.some((t) => t.type === "email_sent"));
  assert.equal(member.currentStepId, "pause");

  const other = await runnel.contacts.upsert({ email: "linus@example.com" });
  const enrolled = await runnel.flows.enroll(flow.id, other.contactId, { dynamicContext: { coupon_code: "SAVE20", couponValue: 20 } });
  assert.equal(enrolled.contactId, other.contactId);
  assert.deepEqual(enrolled.dynamicContext, { coupon_code: "SAVE20", couponValue: 20 }, "dynamic_context keys untouched");

  const members = await runnel.flows.members.list(flow.id, { limit: 10 });
  assert.equal(members.pagination.total, 2);
  const waiting = await runnel.flows.members.list(flow.id, { status: "completed" });
  assert.equal(waiting.items.length, 0);
  const removed = await runnel.flows.members.remove(flow.id, enrolled.id);
  assert.equal(removed.status, "dropped");
  assert.equal(removed.exitReason, "removed");

  assert.equal((await runnel.flows.pause(flow.id)).status, "paused");
  assert.equal((await runnel.flows.activate(flow.id)).status, "active");
  const activeDelete = await runnel.flows.delete(flow.id).catch((e) => e);
  assert.equal(activeDelete.errorCode, "flow_active");
  assert.equal((await runnel.flows.pause(flow.id)).status, "paused");
  assert.equal((await runnel.flows.archive(flow.id)).status, "archived");
  const deleted = await runnel.flows.delete(flow.id);
  assert.deepEqual(deleted, { flowId: flow.id, deleted: true });
});

test("flows.triggerBatch and flows.stepStats against the real server", async () => {
  const { runnel: ws } = await newWorkspace("batch");
  const flow = await activeApiFlow(ws);
  const batch = await ws.flows.triggerBatch(flow.id, [
    { email: "batch@example.com", context: { cart_ID: 1 } }, { email: "batch@example.com" }, { contactId: "nobody" }]);
  assert.deepEqual(batch.results.map((r) => r.status), ["started", "already_running", "invalid"]);
  assert.equal(batch.results[1].id, batch.results[0].id);
  assert.equal(batch.results[2].errors[0].path, "contact_id");
  const member = await ws.flows.members.get(flow.id, batch.results[0].id);
  assert.deepEqual(member.context, { cart_ID: 1 }, "context keys pass through untouched");

  const stats = await ws.flows.stepStats(flow.id);
  assert.equal(stats.version, flow.version);
  assert.equal(stats.stepStats[0].stepId, "pause");
  assert.equal(stats.stepStats[0].atStep, 1);
  assert.deepEqual(stats.edgeStats, []);
});

test("flows.list: one page awaited, every page with for await (7 flows, 2 a page = 4 pages)", async () => {
  const { runnel: ws } = await newWorkspace("pages");
  const ids = [];
  for (let i = 0; i < 7; i++) ids.push((await ws.flows.create({ name: `Flow ${i}` })).id);
  const page = await ws.flows.list({ limit: 2, sortBy: "created_at", sortOrder: "asc" });
  assert.deepEqual(page.items.map((f) => f.id), ids.slice(0, 2));
  assert.deepEqual(page.pagination, { page: 1, limit: 2, total: 7, totalPages: 4 });

  const walked = [];
  for await (const f of ws.flows.list({ limit: 2, sortBy: "created_at", sortOrder: "asc" })) walked.push(f.id);
  assert.deepEqual(walked, ids, "every flow once, in order, across 4 pages");

  const pages = [];
  for await (const p of ws.flows.list({ limit: 3, sortBy: "created_at", sortOrder: "asc" }).pages()) pages.push(p.items.length);
  assert.deepEqual(pages, [3, 3, 1]);

  const fromPage3 = await ws.flows.list({ limit: 2, page: 3, sortBy: "created_at", sortOrder: "asc" }).toArray();
  assert.deepEqual(fromPage3.map((f) => f.id), ids.slice(4), "walking starts at the page asked for");
  const none = [];
  for await (const f of ws.flows.list({ status: "active" })) none.push(f);
  assert.equal(none.length, 0);
});

test("lists: create, get, update, addContacts, contacts, removeContact, list, delete", async () => {
  const list = await runnel.lists.create({ name: "VIP", type: "static" });
  assert.equal(list.type, "static");
  const a = await runnel.contacts.upsert({ email: "a@example.com" });
  const b = await runnel.contacts.upsert({ email: "b@example.com" });
  const added = await runnel.lists.addContacts(list.id, [a.contactId, b.contactId]);
  assert.deepEqual(added, { added: 2, alreadyPresent: 0 });
  const again = await runnel.lists.addContacts(list.id, [a.contactId]);
  assert.deepEqual(again, { added: 0, alreadyPresent: 1 });
  assert.equal((await runnel.lists.get(list.id)).memberCount, 2);
  const members = await runnel.lists.contacts(list.id, { limit: 1 }).toArray();
  assert.deepEqual(members.map((c) => c.id).sort(), [a.contactId, b.contactId].sort());
  assert.equal(await runnel.lists.removeContact(list.id, a.contactId), undefined);
  const gone = await runnel.lists.removeContact(list.id, a.contactId).catch((e) => e);
  assert.equal(gone.status, 404);
  assert.equal((await runnel.lists.update(list.id, { name: "VIPs" })).name, "VIPs");
  const dynamic = await runnel.lists.create({ name: "Pros", type: "dynamic",
    rules: { source: "contact", field: "email", operator: "ends_with", value: "@example.com" } });
  assert.equal(dynamic.rules.operator, "ends_with");
  const all = await runnel.lists.list();
  assert.ok(all.items.some((l) => l.id === list.id) && all.items.some((l) => l.id === dynamic.id));
  assert.equal(await runnel.lists.delete(dynamic.id), undefined);
  assert.equal((await runnel.lists.get(dynamic.id).catch((e) => e)).status, 404);
});

test("emails and templates: create, list, get, update, approve, preview, delete", async () => {
  const tpl = await runnel.templates.create({ name: "Base", html: "<main>{{content}}</main>" });
  assert.equal((await runnel.templates.get(tpl.id)).name, "Base");
  assert.equal((await runnel.templates.update(tpl.id, { name: "Base v2" })).name, "Base v2");
  assert.ok((await runnel.templates.list()).items.some((t) => t.id === tpl.id));
  assert.equal(await runnel.templates.delete(tpl.id), undefined);

  const email = await runnel.emails.create({ name: "Hi", subject: "Hi {{contact.first_name}} {{context.orderId}}",
    html: "<p>Order {{context.orderId}}</p>" });
  assert.equal(email.status, "draft");
  const notReady = await runnel.emails.approve(email.id).catch((e) => e);
  assert.equal(notReady.errorCode, "email_not_ready");
  assert.ok(notReady.missing.length > 0);
  await runnel.emails.update(email.id, { fromEmail: "team@runnel.test", preheader: "hello" });
  const approved = await runnel.emails.approve(email.id);
  assert.equal(approved.status, "approved");
  assert.equal(approved.fromEmail, "team@runnel.test");
  const c = await runnel.contacts.upsert({ email: "preview@example.com", firstName: "Pat" });
  const preview = await runnel.emails.preview(email.id, { contactId: c.contactId, context: { orderId: "A-1" } });
  assert.equal(preview.subject, "Hi Pat A-1", "context keys reach the template as written");
  assert.match(preview.html, /Order A-1/);
  assert.equal((await runnel.emails.get(email.id)).preheader, "hello");
  assert.ok((await runnel.emails.list()).items.some((e) => e.id === email.id));
});

test("forms: create, list, get, update, delete", async () => {
  const form = await runnel.forms.create({ name: "Signup", fields: [{ name: "email", type: "email", required: true }],
    redirectUrl: "https://example.com/thanks" });
  assert.equal(form.redirectUrl, "https://example.com/thanks");
  assert.equal((await runnel.forms.get(form.id)).fields[0].name, "email");
  assert.equal((await runnel.forms.update(form.id, { name: "Sign up" })).name, "Sign up");
  assert.ok((await runnel.forms.list()).items.some((f) => f.id === form.id));
  assert.equal(await runnel.forms.delete(form.id), undefined);
  assert.equal((await runnel.forms.get(form.id).catch((e) => e)).status, 404);
});

test("pages: create, list, get, update, delete, and a taken alias", async () => {
  const form = await runnel.forms.create({ name: "Page form", fields: [{ name: "email", type: "email", required: true }] });
  const alias = `sdk-js-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const page = await runnel.pages.create({ name: "Spring", alias, html: "<h1>Spring</h1>{{form}}", formId: form.id });
  assert.equal(page.alias, alias);
  assert.ok(page.url.endsWith(`/p/${alias}`));
  assert.equal(page.formId, form.id);
  assert.equal(page.published, false);
  assert.equal(page.memberId, null);
  assert.equal((await runnel.pages.get(page.id)).name, "Spring");
  assert.equal((await runnel.pages.update(page.id, { published: true })).published, true);
  const found = await runnel.pages.list({ search: alias });
  assert.deepEqual(found.items.map((p) => p.id), [page.id]);
  const taken = await runnel.pages.create({ name: "Again", alias, html: "<p>x</p>" }).catch((e) => e);
  assert.equal(taken.status, 409);
  assert.equal(taken.errorCode, "page_alias_taken");
  assert.equal(await runnel.pages.delete(page.id), undefined);
  assert.equal((await runnel.pages.get(page.id).catch((e) => e)).status, 404);
});

test("apiKeys, settings, secrets, workspaces", async () => {
  const key = await runnel.apiKeys.create({ name: "browser", kind: "public", scopes: ["FLOW_TRIGGER"],
    allowedOrigins: ["https://app.example.com"] });
  assert.match(key.key, /^rk_public_/);
  assert.deepEqual(key.allowedOrigins, ["https://app.example.com"]);
  const server = await runnel.apiKeys.create({ name: "worker", kind: "secret", scopes: ["CONTACTS_READ"] });
  const keys = await runnel.apiKeys.list();
  assert.ok(keys.items.some((k) => k.id === key.id));
  assert.ok(keys.items.every((k) => k.key === undefined), "the full key is shown only at creation");
  assert.equal(await runnel.apiKeys.delete(server.id), undefined);
  const { Runnel } = await import("../dist/esm/index.js");
  const revoked = await new Runnel({ apiKey: server.key, baseUrl: runnel.http.baseUrl }).contacts.list().catch((e) => e);
  assert.equal(revoked.status, 401);
  assert.equal(revoked.errorCode, "unauthorized");

  const settings = await runnel.settings.update({ defaultFromEmail: "ops@runnel.test", smsHelpText: "Reply STOP to stop" });
  assert.equal(settings.defaultFromEmail, "ops@runnel.test");
  assert.equal((await runnel.settings.get()).smsHelpText, "Reply STOP to stop");

  const secret = await runnel.secrets.create({ name: "crm_token", value: "s3cr3t" });
  assert.equal(secret.name, "crm_token");
  const secrets = await runnel.secrets.list();
  assert.deepEqual(secrets.items.map((s) => s.name), ["crm_token"]);
  assert.ok(!JSON.stringify(secrets).includes("s3cr3t"));
  assert.equal(await runnel.secrets.delete("crm_token"), undefined);

  const workspaces = await admin.workspaces.list({ limit: 100 });
  assert.ok(workspaces.pagination.total >= 1);
  assert.ok(workspaces.items.every((w) => typeof w.id === "string" && w.apiKey === undefined));
});

test("dev.inboundSms drives a text conversation: a keyword starts the flow, the reply picks the branch", async () => {
  const digits = () => String(Math.floor(Math.random() * 10000)).padStart(4, "0");
  const sender = "+1646555" + digits();
  const phone = "+1415555" + digits();
  await runnel.settings.update({ smsFrom: sender });
  await runnel.contacts.upsert({ phone, smsSubscriptionStatus: "subscribed" });
  const flow = await runnel.flows.create({
    name: "Text menu",
    triggers: [{ type: "inbound_message", keywords: ["MENU"] }],
    steps: [
      { stepId: "ask", type: "send_sms", body: "Reply 1 for hours, 2 for a human", nextStepId: "answer" },
      { stepId: "answer", type: "wait_for_reply", timeoutMinutes: 10,
        branches: [{ match: { type: "number", values: ["1"] }, nextStepId: "hours" },
                   { match: { type: "number", values: ["2"] }, nextStepId: "human" }] },
      { stepId: "hours", type: "send_sms", body: "We open at 9" },
      { stepId: "human", type: "send_sms", body: "Connecting you, you said {{reply.text}}" },
    ],
  });
  await runnel.flows.activate(flow.id);

  const started = await runnel.dev.inboundSms({ from: phone, text: "menu" });
  assert.equal(started.routedTo, "trigger");
  assert.equal(started.duplicate, false);
  const reply = await runnel.dev.inboundSms({ from: phone, text: "2" });
  assert.equal(reply.routedTo, "reply");
  assert.equal(reply.memberId, started.memberId);
  assert.equal(reply.contactId, started.contactId);

  const sent = (await runnel.dev.outbox({ channel: "sms", to: phone })).items.map((m) => m.text).sort();
  assert.deepEqual(sent, ["Connecting you, you said 2", "Reply 1 for hours, 2 for a human"]);
  const member = await runnel.flows.members.get(flow.id, started.memberId);
  assert.equal(member.status, "completed");
  assert.ok(member.timeline.some((e) => e.type === "reply_received"));
});

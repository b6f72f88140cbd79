// The wire requests of pages, triggerBatch, stepStats and flows.validate (each also tested on the real server): each sends the request API.md specifies, checked on a real loopback HTTP server that records it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runnel } from "../dist/esm/index.js";
import { listen } from "./helpers.mjs";

test("pages, triggerBatch, stepStats and validate send API.md's requests", async () => {
  const seen = [];
  const answers = {
    "POST /v1/flows/f1/trigger/batch": [200, { results: [{ index: 0, status: "started", id: "m1", contact_id: "c1" },
      { index: 1, status: "invalid", errors: [{ path: "email", message: "bad" }] }] }],
    "GET /v1/flows/f1/step-stats?version=3": [200, { version: 3, step_stats: [{ step_id: "a", at_step: 1, waiting: 1, executed: 4, exited: 0 }],
      edge_stats: [{ from_step_id: "a", to_step_id: "b", edge: "next", taken: 3 }] }],
    "POST /v1/flows/f1/validate": [200, { ready: false, missing: [{ path: "steps", message: "no steps" }] }],
    "POST /v1/pages": [201, { id: "p1", alias: "spring-sale", form_id: "fm1", template_id: null }],
    "GET /v1/pages?search=spring&page=1&limit=5": [200, { pages: [{ id: "p1", member_id: null }], pagination: { page: 1, limit: 5, total: 1, total_pages: 1 } }],
    "GET /v1/pages/p1": [200, { id: "p1" }],
    "PATCH /v1/pages/p1": [200, { id: "p1", published: true }],
    "DELETE /v1/pages/p1": [204, null],
  };
  const server = await listen((req, res, body) => {
    const key = `${req.method} ${req.url}`;
    seen.push({ key, body: body.length ? JSON.parse(body) : undefined, idem: req.headers["idempotency-key"], auth: req.headers.authorization });
    const [status, json] = answers[key] ?? [404, { error_code: "not_found", status: 404, title: "Not found" }];
    res.writeHead(status, { "Content-Type": "application/json" }).end(json === null ? undefined : JSON.stringify(json));
  });
  try {
    const runnel = new Runnel({ apiKey: "rk_secret_test", baseUrl: server.url, maxRetries: 0 });
    const batch = await runnel.flows.triggerBatch("f1", [{ email: "a@example.com", context: { cart_ID: 1 } }, { contactId: "c2" }]);
    assert.equal(batch.results[0].contactId, "c1");
    assert.equal(batch.results[1].errors[0].path, "email");
    assert.deepEqual(seen[0].body, { recipients: [{ email: "a@example.com", context: { cart_ID: 1 } }, { contact_id: "c2" }] });
    assert.ok(seen[0].idem, "a POST carries an Idempotency-Key");
    assert.equal(seen[0].auth, "Bearer rk_secret_test");

    const stats = await runnel.flows.stepStats("f1", { version: 3 });
    assert.deepEqual(stats.stepStats[0], { stepId: "a", atStep: 1, waiting: 1, executed: 4, exited: 0 });
    assert.equal(stats.edgeStats[0].fromStepId, "a");
    const v = await runnel.flows.validate("f1");
    assert.deepEqual(v, { ready: false, missing: [{ path: "steps", message: "no steps" }] });
    assert.equal(seen[2].body, undefined, "validate sends no body");

    const page = await runnel.pages.create({ name: "Spring", alias: "spring-sale", html: "<h1>{{form}}</h1>", formId: "fm1", published: false });
    assert.equal(page.formId, "fm1");
    assert.deepEqual(seen[3].body, { name: "Spring", alias: "spring-sale", html: "<h1>{{form}}</h1>", form_id: "fm1", published: false });
    const pages = await runnel.pages.list({ search: "spring", page: 1, limit: 5 });
    assert.equal(pages.items[0].memberId, null);
    assert.equal(pages.pagination.totalPages, 1);
    assert.equal((await runnel.pages.get("p1")).id, "p1");
    assert.equal((await runnel.pages.update("p1", { published: true })).published, true);
    assert.deepEqual(seen.at(-1).body, { published: true });
    assert.equal(await runnel.pages.delete("p1"), undefined);
    assert.deepEqual(seen.map((s) => s.key), Object.keys(answers));
  } finally { await server.close(); }
});

test("an Idempotency-Key given as a header is the call's key; extra headers are sent; ids are path-encoded", async () => {
  const seen = [];
  const server = await listen((req, res) => {
    seen.push({ url: req.url, idem: req.headers["idempotency-key"], extra: req.headers["x-request-source"] });
    res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ id: "m1", status: "started", flow_id: "a/b" }));
  });
  try {
    const runnel = new Runnel({ apiKey: "rk_secret_test", baseUrl: server.url + "/", maxRetries: 0 });
    const run = await runnel.flows.trigger({ flowId: "a/b", email: "x@example.com" },
      { headers: { "idempotency-key": "h-1", "X-Request-Source": "worker" } });
    assert.equal(run.flowId, "a/b");
    assert.deepEqual(seen[0], { url: "/v1/flows/a%2Fb/trigger", idem: "h-1", extra: "worker" });
    assert.throws(() => runnel.flows.get(""), TypeError, "an empty id is a programming error, thrown at once");
    assert.equal(seen.length, 1);
  } finally { await server.close(); }
});

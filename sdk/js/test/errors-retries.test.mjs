// Error classes, retries (dropped connection, 5xx, 429 with Retry-After), idempotency keys and time-outs, through
// loopback HTTP proxies in front of the real server and a second real server limited to 1 request/s per key.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Runnel, RunnelConnectionError, RunnelError, RunnelTimeoutError, RunnelWebhookVerificationError,
} from "../dist/esm/index.js";
import { activeApiFlow, limitedUrl, listen, newWorkspace, proxy, url } from "./helpers.mjs";

const { runnel, key } = await newWorkspace("errors");

test("a problem document becomes RunnelError with status, errorCode, title, detail, errors", async () => {
  const notFound = await runnel.flows.get("0190f3a2-0000-7000-8000-000000000000").catch((e) => e);
  assert.ok(notFound instanceof RunnelError);
  assert.equal(notFound.name, "RunnelError");
  assert.equal(notFound.status, 404);
  assert.equal(notFound.errorCode, "flow_not_found");
  assert.equal(typeof notFound.title, "string");
  assert.equal(notFound.type, "urn:runnel:error:flow_not_found");
  assert.ok(notFound.headers.get("content-type").startsWith("application/problem+json"));

  const invalid = await runnel.flows.create({
    name: "Bad", steps: [{ stepId: "w", type: "wait", durationAmount: 1, durationUnit: "fortnights" }],
  }).catch((e) => e);
  assert.equal(invalid.status, 400);
  assert.equal(invalid.errorCode, "validation_failed");
  assert.ok(invalid.errors.some((e) => e.path === "steps[0].duration_unit"), JSON.stringify(invalid.errors));
  assert.match(invalid.message, /400 validation_failed/);
  assert.equal(invalid.missing, undefined);

  const unknownKey = await new Runnel({ apiKey: "rk_secret_nope", baseUrl: url }).flows.list().catch((e) => e);
  assert.equal(unknownKey.status, 401);
  assert.equal(unknownKey.errorCode, "unauthorized");

  const { Runnel: R } = await import("../dist/esm/index.js");
  const scoped = await runnel.apiKeys.create({ name: "read", kind: "secret", scopes: ["CONTACTS_READ"] });
  const forbidden = await new R({ apiKey: scoped.key, baseUrl: url }).flows.list().catch((e) => e);
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.errorCode, "forbidden_scope");
});

test("no server listening: RunnelConnectionError after maxRetries retries", async () => {
  const closed = await listen(() => {});
  await closed.close();
  let calls = 0;
  const client = new Runnel({ apiKey: key, baseUrl: closed.url, maxRetries: 1,
    fetch: (u, i) => { calls++; return fetch(u, i); } });
  const err = await client.contacts.list().catch((e) => e);
  assert.ok(err instanceof RunnelConnectionError);
  assert.ok(err instanceof RunnelError, "every SDK error is a RunnelError");
  assert.ok(!(err instanceof RunnelTimeoutError));
  assert.equal(err.status, undefined);
  assert.ok(err.cause, "the network error is kept as cause");
  assert.equal(calls, 2, "one attempt and one retry");
});

test("a dropped connection is retried with the same Idempotency-Key and enrolls exactly once", async () => {
  const flow = await activeApiFlow(runnel);
  const p = await proxy(url, (n) => (n === 0 ? "drop" : "forward"));
  try {
    const client = new Runnel({ apiKey: key, baseUrl: p.url });
    const run = await client.flows.trigger({ flowId: flow.id, email: "dropped@example.com", context: { try: 1 } });
    assert.equal(run.status, "started");
    assert.equal(p.seen.length, 2);
    assert.equal(p.seen[0].action, "drop");
    assert.equal(p.seen[0].status, 201, "the server enrolled on the first attempt; its answer was lost");
    const k0 = p.seen[0].headers["idempotency-key"], k1 = p.seen[1].headers["idempotency-key"];
    assert.ok(k0 && k0 === k1, "one generated key reused across the retry");
    assert.equal(p.seen[1].responseHeaders["idempotent-replayed"], "true", "the retry got the recorded answer");
    const members = await runnel.flows.members.list(flow.id);
    assert.equal(members.pagination.total, 1);
    assert.equal(members.items[0].id, run.id);
  } finally { await p.close(); }
});

test("a 5xx is retried; a caller's Idempotency-Key is sent as given; GETs carry none", async () => {
  const flow = await activeApiFlow(runnel);
  const p = await proxy(url, (n) => (n === 0 ? 503 : "forward"));
  try {
    const client = new Runnel({ apiKey: key, baseUrl: p.url });
    const run = await client.flows.trigger({ flowId: flow.id, email: "fivexx@example.com" }, { idempotencyKey: "signup-42" });
    assert.equal(run.status, "started");
    assert.deepEqual(p.seen.map((s) => [s.action, s.headers["idempotency-key"]]), [[503, "signup-42"], ["forward", "signup-42"]]);
    const replay = await client.flows.trigger({ flowId: flow.id, email: "fivexx@example.com" }, { idempotencyKey: "signup-42" });
    assert.deepEqual(replay, run, "a repeat with the same key answers the first result");
    const reused = await client.flows.trigger({ flowId: flow.id, email: "other@example.com" }, { idempotencyKey: "signup-42" }).catch((e) => e);
    assert.equal(reused.status, 422);
    assert.equal(reused.errorCode, "idempotency_key_reused", "a 422 is not retried");
    await client.flows.get(flow.id);
    assert.equal(p.seen.at(-1).headers["idempotency-key"], undefined);
    const p2 = await proxy(url, () => 502);
    try {
      const err = await new Runnel({ apiKey: key, baseUrl: p2.url, maxRetries: 2 }).contacts.list().catch((e) => e);
      assert.equal(err.status, 502);
      assert.equal(p2.seen.length, 3, "maxRetries 2: three attempts, then the error");
    } finally { await p2.close(); }
  } finally { await p.close(); }
});

test("time-outs: RunnelTimeoutError after timeoutMs per attempt, retried like a network error", async () => {
  const p = await proxy(url, (n) => (n < 2 ? "hang" : "forward"));
  try {
    const once = new Runnel({ apiKey: key, baseUrl: p.url, timeoutMs: 150, maxRetries: 0 });
    const started = Date.now();
    const err = await once.contacts.list().catch((e) => e);
    assert.ok(err instanceof RunnelTimeoutError, String(err));
    assert.ok(err instanceof RunnelConnectionError);
    assert.match(err.message, /within 150 ms/);
    assert.ok(Date.now() - started < 5000);
    assert.equal(p.seen.length, 1);
    // The second attempt hangs too, the third is forwarded (2 s each: room for a loaded machine's real answer).
    const retried = await new Runnel({ apiKey: key, baseUrl: p.url, timeoutMs: 2000, maxRetries: 2 }).contacts.list();
    assert.ok(Array.isArray(retried.items));
    assert.equal(p.seen.length, 3);
    // Per-call options win over the client's.
    const p2 = await proxy(url, () => "hang");
    try {
      const perCall = await new Runnel({ apiKey: key, baseUrl: p2.url }).contacts.list({}, { timeoutMs: 100, maxRetries: 0 }).catch((e) => e);
      assert.ok(perCall instanceof RunnelTimeoutError);
      const ctrl = new AbortController();
      const pending = new Runnel({ apiKey: key, baseUrl: p2.url, maxRetries: 3 }).contacts.list({}, { signal: ctrl.signal }).catch((e) => e);
      setImmediate(() => ctrl.abort(new Error("user gave up")));
      const aborted = await pending;
      assert.equal(aborted.message, "user gave up", "the caller's abort is not retried nor wrapped");
    } finally { await p2.close(); }
  } finally { await p.close(); }
});

test("429 rate_limited: Retry-After honoured, then the trigger enrolls once", async () => {
  const { runnel: limited } = await newWorkspace("limited", limitedUrl, { maxRetries: 5 });
  const flow = await activeApiFlow(limited);
  const second = await limited.apiKeys.create({ name: "burst", kind: "secret", scopes: ["*"] });
  const statuses = [];
  const counting = (u, i) => fetch(u, i).then((r) => { statuses.push(r.status); return r; });

  // Drain the key's bucket (1/s, bursts of 2) without retries: some of these must be refused.
  const drain = new Runnel({ apiKey: second.key, baseUrl: limitedUrl, maxRetries: 0 });
  const results = await Promise.all([1, 2, 3, 4].map(() => drain.contacts.list().catch((e) => e)));
  const refused = results.find((r) => r instanceof RunnelError);
  assert.ok(refused, "the burst got a 429");
  assert.equal(refused.status, 429);
  assert.equal(refused.errorCode, "rate_limited");
  assert.match(refused.headers.get("retry-after"), /^\d+$/);

  const client = new Runnel({ apiKey: second.key, baseUrl: limitedUrl, maxRetries: 3, fetch: counting });
  // On a loaded machine a token may refill between the drain and the trigger; then drain again and retry the scenario.
  let run, waited = 0, triggers = 0;
  for (let round = 0; round < 5; round++) {
    if (round > 0) await Promise.all([1, 2, 3, 4].map(() => drain.contacts.list().catch(() => {})));
    statuses.length = 0;
    const started = Date.now();
    run = await client.flows.trigger({ flowId: flow.id, email: `limited${round}@example.com` });
    triggers++;
    waited = Date.now() - started;
    if (statuses[0] === 429) break;
  }
  assert.equal(run.status, "started");
  assert.equal(statuses[0], 429, "the first attempt was refused");
  assert.equal(statuses.at(-1), 201);
  assert.ok(waited >= 900, "waited for Retry-After (whole seconds)");
  const members = await limited.flows.members.list(flow.id);
  assert.equal(members.pagination.total, triggers, "each trigger enrolled exactly once, retries included");
});

test("RunnelWebhookVerificationError is a RunnelError without a status", async () => {
  const err = await runnel.webhooks.verify("{}", {}, "whsec_AAAA").catch((e) => e);
  assert.ok(err instanceof RunnelWebhookVerificationError);
  assert.ok(err instanceof RunnelError);
  assert.equal(err.status, undefined);
  assert.match(err.message, /missing webhook-id/);
});

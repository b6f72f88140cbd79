// webhooks.verify on a real webhook: a flow's send_webhook step posts to a listener on loopback (allowed by the
// server's RUNNEL_WEBHOOK_ALLOW_HOSTS), signed with the secret from POST /v1/webhook-signing-secret/rotate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { RunnelWebhookVerificationError, verifyWebhook } from "../dist/esm/index.js";
import { advance, listen, newWorkspace, webhookPort } from "./helpers.mjs";

const { runnel } = await newWorkspace("webhooks");

test("a webhook Runnel sent verifies, and any change to it does not", async () => {
  const received = [];
  let arrived;
  const got = new Promise((r) => { arrived = r; });
  const listener = await listen((req, res, body) => {
    received.push({ headers: req.headers, body, url: req.url });
    res.writeHead(204).end();
    arrived();
  }, webhookPort);
  try {
    const { secret } = await runnel.webhooks.rotateSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]+$/);
    const flow = await runnel.flows.create({
      name: "Webhook flow", triggers: [{ type: "api" }],
      steps: [
        { stepId: "notify", type: "send_webhook", endpointUrl: `http://127.0.0.1:${webhookPort}/hooks/runnel`,
          customFields: { Order_ID: "A-77", crm_stage: "lead" }, nextStepId: "pause" },
        { stepId: "pause", type: "wait", durationAmount: 1, durationUnit: "days" },
      ],
    });
    await runnel.flows.activate(flow.id);
    const run = await runnel.flows.trigger({ flowId: flow.id, email: "hook@example.com", context: { cartId: "987" } });
    const now = await advance(0); // runs what is due: the step, then the delivery
    await got;
    assert.equal(received.length, 1);
    const { headers, body } = received[0];
    assert.match(headers["webhook-id"], /^msg_/);

    // Node's IncomingHttpHeaders, a Headers object, a string body and a byte body all work.
    const payload = await runnel.webhooks.verify(body.toString("utf8"), headers, secret, { now });
    assert.equal(payload.type, "flow.step");
    assert.equal(payload.flow_id, flow.id, "the payload is returned as sent");
    assert.equal(payload.member_id, run.id);
    assert.equal(payload.step_id, "notify");
    assert.deepEqual(payload.context, { cartId: "987" });
    assert.equal(payload.Order_ID, "A-77", "custom fields at the top level, named as written");
    assert.equal(payload.contact.email, "hook@example.com");
    const asHeaders = new Headers(Object.entries(headers).map(([k, v]) => [k, String(v)]));
    assert.deepEqual(await verifyWebhook(body, asHeaders, secret, { now }), payload);
    assert.deepEqual(await verifyWebhook(new Uint8Array(body).buffer, asHeaders, secret, { now: now.getTime() }), payload);

    const reject = async (p, pattern) => {
      const err = await p.then(() => null, (e) => e);
      assert.ok(err instanceof RunnelWebhookVerificationError, String(err));
      assert.match(err.message, pattern);
    };
    const tampered = body.toString("utf8").replace("A-77", "A-78");
    await reject(runnel.webhooks.verify(tampered, headers, secret, { now }), /no signature matches/);
    await reject(runnel.webhooks.verify(body, { ...headers, "webhook-id": "msg_other" }, secret, { now }), /no signature matches/);
    const { secret: newer } = await runnel.webhooks.rotateSigningSecret();
    await reject(runnel.webhooks.verify(body, headers, newer, { now }), /no signature matches/);
    const late = new Date(now.getTime() + 301_000), early = new Date(now.getTime() - 301_000);
    await reject(runnel.webhooks.verify(body, headers, secret, { now: late }), /more than 300 s/);
    await reject(runnel.webhooks.verify(body, headers, secret, { now: early }), /more than 300 s/);
    assert.equal((await runnel.webhooks.verify(body, headers, secret, { now: new Date(now.getTime() + 299_000) })).type, "flow.step");
    const { "webhook-signature": _, ...unsigned } = headers;
    await reject(runnel.webhooks.verify(body, unsigned, secret, { now }), /missing/);

    const member = await runnel.flows.members.get(flow.id, run.id);
    assert.ok(member.timeline.some((t) => t.type === "webhook_sent" && t.data.statusCode === 204), JSON.stringify(member.timeline));
  } finally { await listener.close(); }
});

test("verify accepts any of several v1 signatures (the 24 h after a rotation) and ignores other versions", async () => {
  const key = Buffer.from("0123456789abcdef0123456789abcdef");
  const secret = "whsec_" + key.toString("base64");
  const id = "msg_abc", ts = String(Math.floor(Date.now() / 1000)), body = '{"type":"flow.step","x":1}';
  const sig = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
  const headers = { "Webhook-Id": id, "Webhook-Timestamp": ts,
    "Webhook-Signature": `v1,${Buffer.from("other").toString("base64")} v2,${sig} v1,${sig}` };
  assert.deepEqual(await verifyWebhook(body, headers, secret), { type: "flow.step", x: 1 });
  const onlyV2 = { ...headers, "Webhook-Signature": `v2,${sig}` };
  await assert.rejects(verifyWebhook(body, onlyV2, secret), RunnelWebhookVerificationError);
  await assert.rejects(verifyWebhook(body, { ...headers, "Webhook-Timestamp": "12ab" }, secret), /not a Unix time/);
});

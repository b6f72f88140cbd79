// Benchmark: a 500-step flow opens, lays out and renders in headless Chromium. Measures from the moment the flow's
// JSON has arrived (performance mark "runnel:flow-loaded") to the first frame in which every node is in the DOM with
// its size measured (React Flow shows a node only once measured), median of 5 runs; and the production bundle size.
// Usage: node bench/run.mjs [steps]   (needs web/dist and the server's Release build, like the e2e tests)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, startServer, webDir } from "../e2e/harness.mjs";

const count = Number(process.argv[2] ?? 500);
const steps = [];
for (let i = 0; i < count; i++) {
  const id = `s${i}`;
  const next = i + 1 < count ? `s${i + 1}` : undefined;
  if (i % 10 === 5 && i + 2 < count) {
    steps.push({ step_id: id, type: "condition_check", condition: { source: "contact", field: "plan", operator: "eq", value: "pro" },
      true_step_id: next, false_step_id: `s${i + 2}` });
  } else if (i % 3 === 0) {
    steps.push({ step_id: id, type: "wait", duration_amount: 1 + (i % 5), duration_unit: "hours", ...(next ? { next_step_id: next } : {}) });
  } else {
    steps.push({ step_id: id, type: "send_sms", body: `Message ${i} for {{ contact.first_name }}`, ...(next ? { next_step_id: next } : {}) });
  }
}

const server = await startServer("bench");
const browser = await launch();
const timings = [];
const shownCounts = [];
try {
  const flow = await server.api("POST", "/v1/flows", { name: `${count}-step flow`, triggers: [{ type: "api" }], steps });
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.getByLabel("API key").fill(server.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("workspace").filter({ hasText: "Default" }).waitFor();
  for (let run = 0; run < 5; run++) {
    await page.goto(`${server.url}/flows/${flow.id}`);
    // With this many steps the canvas renders only the nodes in view (onlyRenderVisibleElements): done is the first
    // frame where every node in the DOM is measured and shown and the set stays the same for 3 frames.
    const { ms, shown } = await page.evaluate(() => new Promise((resolve, reject) => {
      const deadline = performance.now() + 30_000;
      let last = -1, stable = 0, at = 0;
      const tick = () => {
        const loaded = performance.getEntriesByName("runnel:flow-loaded")[0];
        const nodes = [...document.querySelectorAll(".react-flow__node")];
        const ready = nodes.length > 0 && nodes.every((n) => getComputedStyle(n).visibility !== "hidden");
        if (loaded && ready) {
          if (nodes.length === last) stable++;
          else { stable = 0; last = nodes.length; at = performance.now(); }
          if (stable >= 3) return resolve({ ms: at - loaded.startTime, shown: nodes.length });
        }
        if (performance.now() > deadline) return reject(new Error("the canvas never settled"));
        requestAnimationFrame(tick);
      };
      tick();
    }));
    shownCounts.push(shown);
    timings.push(ms);
  }
} finally {
  await browser.close();
  await server.stop();
}
timings.sort((a, b) => a - b);
const assets = join(webDir, "dist", "assets");
let raw = 0, gz = 0;
for (const f of readdirSync(assets)) {
  const b = readFileSync(join(assets, f));
  raw += b.length; gz += gzipSync(b).length;
}
console.log(`nodes in view and rendered: ${shownCounts.join(", ")}`);
console.log(`${count} steps: layout + first render ${timings.map((t) => t.toFixed(0)).join(", ")} ms; median ${timings[2].toFixed(0)} ms`);
console.log(`bundle (dist/assets): ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped`);
process.exitCode = timings[2] <= 1000 ? 0 : 1;

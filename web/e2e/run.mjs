// End-to-end tests of the web UI in real Chromium against a real server on the dev clock. Prints one line per test
// and then "N passed, N failed". `node e2e/run.mjs undo` runs only the tests whose names contain a word.
import { join } from "node:path";
import { launch, resultsDir, startServer } from "./harness.mjs";
import { tests } from "./tests.mjs";

const only = process.argv.slice(2);
const selected = tests.filter((t) => !only.length || only.some((w) => t.name.includes(w)));
let passed = 0, failed = 0;
const server = await startServer();
const browser = await launch();
try {
  for (const [i, t] of selected.entries()) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e?.stack ?? e)));
    page.on("console", (m) => { if (m.type() === "error") console.log("  # console: " + m.text().slice(0, 300)); });
    page.setDefaultTimeout(15_000);
    const started = Date.now();
    try {
      await t.run({ page, server, shot: (name) => page.screenshot({ path: join(resultsDir, `${name}.png`) }) });
      if (errors.length) throw new Error("uncaught errors in the page: " + errors.join("; "));
      passed++;
      console.log(`ok ${i + 1} - ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok ${i + 1} - ${t.name}`);
      for (const pe of errors) console.log("  # page error: " + pe.slice(0, 600));
      console.log("  " + String(e?.stack ?? e).split("\n").slice(0, 8).join("\n  "));
      await page.screenshot({ path: join(resultsDir, `FAILED-${t.name.replace(/\W+/g, "-")}.png`) }).catch(() => {});
    } finally {
      await context.close();
    }
  }
} catch (e) {
  console.error(e);
  failed++;
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

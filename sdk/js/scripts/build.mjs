// Builds dist/: ESM (dist/esm) and CommonJS (dist/cjs) with .d.ts from one tsc config each, and the minified
// browser bundle dist/runnel-browser.min.js (ESM, for a <script type="module"> or a CDN) with esbuild.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
execFileSync(process.execPath, [tsc, "-p", "tsconfig.cjs.json"], { cwd: root, stdio: "inherit" });
// Each half says what its .js files are, whatever the package's "type".
writeFileSync(join(root, "dist/esm/package.json"), '{"type":"module"}\n');
writeFileSync(join(root, "dist/cjs/package.json"), '{"type":"commonjs"}\n');

let esbuild;
try { esbuild = await import("esbuild"); } catch { esbuild = undefined; }
if (esbuild) {
  mkdirSync(join(root, "dist"), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, "dist/esm/browser.js")],
    outfile: join(root, "dist/runnel-browser.min.js"),
    bundle: true, minify: true, format: "esm", target: "es2020", platform: "browser", logLevel: "warning",
  });
} else {
  console.warn("esbuild is not installed: dist/runnel-browser.min.js not built");
}
console.error("built dist/");

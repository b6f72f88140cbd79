import { defineConfig } from "vitest/config";

// No @vitejs/plugin-react: esbuild compiles JSX with the automatic runtime (TOOLCHAIN.md).
export default defineConfig({
  esbuild: { jsx: "automatic" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/v1": "http://127.0.0.1:5080" } },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});

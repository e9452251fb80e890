import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The server serves server/static/app/index.html at / (and client routes) and the files of
// server/static/app/ at /app/<path>. Output names carry content hashes and nothing depends on
// the time or the machine, so a rebuild from the same sources is byte-identical (a test checks).
const outDir = process.env.CTECR_WEB_OUT ?? resolve(import.meta.dirname, "../server/static/app");

export default defineConfig({
  base: "/app/",
  plugins: [
    react(),
    {
      name: "persisted-documents",
      closeBundle() {
        copyFileSync(resolve(import.meta.dirname, "src/gql/persisted-documents.json"), resolve(outDir, "persisted-documents.json"));
      },
    },
  ],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, "index.html"), graphiql: resolve(import.meta.dirname, "graphiql.html") },
    },
  },
  test: { include: ["src/**/*.test.ts"] },
});

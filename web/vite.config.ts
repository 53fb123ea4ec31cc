import { defineConfig } from "vite";

// The bundle is served by `parley serve --web DIR` at `/`, but may also be opened from
// any folder: relative asset paths, everything bundled (no CDN, no external fonts).
export default defineConfig({
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: process.env.PARLEY_WEB_OUT || "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
});

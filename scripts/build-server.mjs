// Compiles the server entry (lib/server/main.ts) to dist/server.js: plain JS
// that `npm start` runs with Node alone, and the `hearth` CLI (lib/cli/main.ts)
// to dist/cli.js. Packages stay external, so pg, drizzle and next are the same
// installed copies Next's own bundles load.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

// `server-only` is a guard for Next's bundler; outside Next it would throw on import.
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

await build({
  entryPoints: [path.join(root, "lib/server/main.ts")],
  // The fast path is its own chunk, loaded while Next prepares: starting up waits for less.
  outdir: path.join(root, "dist"),
  entryNames: "server",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  packages: "external",
  alias: { "@": root },
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [serverOnly],
});

// One file, so the image's `hearth` command is `node /app/dist/cli.js`.
await build({
  entryPoints: [path.join(root, "lib/cli/main.ts")],
  outfile: path.join(root, "dist/cli.js"),
  banner: { js: "#!/usr/bin/env node" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  packages: "external",
  alias: { "@": root },
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [serverOnly],
});

import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:docker`: the real docker-compose.yml in real containers
 * (tests/docker). Not part of `npm test`: the first run builds base images
 * and the app image, which takes many minutes on a small machine.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/docker/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 10 * 60_000,
    hookTimeout: 60 * 60_000,
  },
});

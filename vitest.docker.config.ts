import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:docker`: the real docker-compose.yml in real containers
 * (tests/docker); `npm test` runs it last, where the machine can (scripts/test.ts).
 * The first run builds the stand-in base images and the app image: many minutes.
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

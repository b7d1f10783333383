import { beforeAll, expect, it } from "vitest";
import { freePort } from "../support/pg-harness";
import { appFetch, appRequest } from "../support/app-client";
import { setupTestApp } from "../support/test-app";

beforeAll(async () => {
  await setupTestApp();
  // Now point the app at a port where no database listens.
  process.env.DATABASE_URL = `postgresql://hearth:pw-not-to-leak@127.0.0.1:${await freePort()}/hearth`;
});

it("answers 503 naming the database when it does not answer, without leaking the URL", async () => {
  const res = await appFetch(appRequest("/api/health"));
  expect(res.status).toBe(503);
  const text = await res.text();
  expect(JSON.parse(text)).toMatchObject({
    status: "error",
    checks: { database: { status: "error", error: "connection refused" } },
  });
  expect(text).not.toContain("pw-not-to-leak");
});

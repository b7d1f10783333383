import { beforeAll, expect, it } from "vitest";
import { counterPool, pool } from "@/lib/db/client";
import { setupTestApp } from "../support/test-app";

beforeAll(async () => {
  await setupTestApp({});
});

const commitSetting = async (p: ReturnType<typeof pool>) =>
  (
    await p.query<{ setting: string; source: string }>(
      "SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'",
    )
  ).rows[0]!;

it("commits the rate limiter's counters without waiting for the disk, and nothing else", async () => {
  // The counters' own connections ask for it (source "client"), whatever the server's default.
  expect(await commitSetting(counterPool())).toEqual({ setting: "off", source: "client" });
  // The app's other connections keep the server's setting: chats, keys and usage are durable.
  expect((await commitSetting(pool())).source).not.toBe("client");
});

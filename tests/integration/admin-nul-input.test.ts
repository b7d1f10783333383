/**
 * A NUL character (U+0000) in an admin's filter or setting is refused with a
 * 400 naming the field: PostgreSQL cannot take it in text or jsonb, and let
 * through it became a 500 (the route fuzzer found `?action=a%00b`).
 */
import { beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: Browser;

beforeAll(async () => {
  app = await setupTestApp();
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
});

async function expectRefused(res: Response, field: string) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(new RegExp(`${field}.*NUL`));
}

it("refuses a NUL in the audit log's filters", async () => {
  await expectRefused(await admin.get("/api/admin/audit?action=a%00b"), "action");
  await expectRefused(await admin.get("/api/admin/audit?actor=%00"), "actor");
});

it("refuses a NUL in the users search", async () => {
  await expectRefused(await admin.get("/api/admin/users?q=ada%00"), "q");
});

it("refuses a NUL in a setting and stores nothing", async () => {
  const res = await admin.patch("/api/admin/settings", { defaultSystemPrompt: "Be brief.\u0000" });
  await expectRefused(res, "defaultSystemPrompt");
  expect(await query(app.databaseUrl, "SELECT key FROM app_setting")).toEqual([]);
});

it("refuses a NUL in a runner id with 400, not a database error", async () => {
  const res = await admin.post("/api/admin/pulls", { runnerId: "default\u0000", model: "gemma3:1b" });
  await expectRefused(res, "runnerId");
});

/**
 * A setting an environment variable fixes is shown with the variable's name
 * and cannot be changed from the console (409, naming it), not silently
 * ignored; a change that includes one is refused whole.
 */
import { beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: Browser;

beforeAll(async () => {
  app = await setupTestApp({ SIGNUP_POLICY: "open", TITLE_GENERATION: "off", RATE_LIMIT_REQUESTS: "42" });
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
});

type Described = import("@/lib/shared/admin-system").DescribedSettings;
const settings = async () =>
  ((await (await admin.get("/api/admin/settings")).json()) as { settings: Described }).settings;

it("shows the fixed settings with their variable, and the others as free", async () => {
  const s = await settings();
  expect(s.signUpPolicy).toEqual({ value: "open", fixedBy: "SIGNUP_POLICY" });
  expect(s.titleGeneration).toEqual({ value: false, fixedBy: "TITLE_GENERATION" });
  expect(s.rateLimitRequests).toEqual({ value: 42, fixedBy: "RATE_LIMIT_REQUESTS" });
  expect(s.rateLimitWindowMs.fixedBy).toBeNull();
  expect(s.defaultSystemPrompt.fixedBy).toBeNull();
});

it("refuses to change a fixed setting with 409 naming the variable, and changes nothing else with it", async () => {
  const res = await admin.patch("/api/admin/settings", {
    defaultSystemPrompt: "Be brief.",
    signUpPolicy: "closed",
  });
  expect(res.status).toBe(409);
  const { error } = (await res.json()) as { error: { message: string; param: string } };
  expect(error.message).toContain("SIGNUP_POLICY");
  expect(error.param).toBe("signUpPolicy");
  const s = await settings();
  expect(s.signUpPolicy.value).toBe("open");
  expect(s.defaultSystemPrompt.value).toBe("");
  expect(await query(app.databaseUrl, "SELECT 1 FROM app_setting")).toEqual([]);
  expect(await query(app.databaseUrl, "SELECT 1 FROM audit_log WHERE action = 'setting.update'")).toEqual([]);

  // A free setting still changes.
  expect((await admin.patch("/api/admin/settings", { defaultSystemPrompt: "Be brief." })).status).toBe(200);
  expect((await settings()).defaultSystemPrompt.value).toBe("Be brief.");
});

import { beforeAll, expect, it } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { setupTestApp } from "../support/test-app";

beforeAll(async () => {
  await setupTestApp({ APP_URL: "https://hearth.example" });
});

it("marks session cookies Secure when APP_URL is https", async () => {
  // The browser would be on the https origin.
  const res = await appFetch(
    appRequest("https://hearth.example/api/auth/sign-up/email", {
      json: { email: "secure@example.com", password: "correct horse battery", name: "S" },
    }),
  );
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"))!;
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
});

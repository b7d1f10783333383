import { beforeAll, expect, it } from "vitest";
import { loadRoutes, type Routes } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

let routes: Routes;

beforeAll(async () => {
  await setupTestApp({ APP_URL: "https://hearth.example" });
  routes = await loadRoutes();
});

it("marks session cookies Secure when APP_URL is https", async () => {
  // The browser would be on the https origin.
  const req = new Request("https://hearth.example/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://hearth.example" },
    body: JSON.stringify({ email: "secure@example.com", password: "correct horse battery", name: "S" }),
  });
  const res = await routes.auth.POST(req, undefined as never);
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"))!;
  expect(cookie).toMatch(/;\s*Secure/i);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * A disabled user's session opens nothing, on Better Auth's own routes too.
 * The flag is set behind the app's back, leaving the session row in place, so
 * that the refusal itself is what is tested (disabling through the app also
 * deletes the sessions; auth.test.ts covers that).
 */
// Every password check hashes on purpose (slowly); a loaded machine needs the time.
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let app: TestApp;
let n = 0;

beforeAll(async () => {
  app = await setupTestApp();
});

/** Every Better Auth route that acts on the caller's session, with a body that would succeed. */
const SESSION_ROUTES: { method: "GET" | "POST"; path: string; body?: (token: string) => unknown }[] = [
  { method: "GET", path: "/get-session" },
  { method: "POST", path: "/get-session" },
  { method: "GET", path: "/list-sessions" },
  { method: "GET", path: "/list-accounts" },
  { method: "GET", path: "/account-info" },
  { method: "POST", path: "/update-user", body: () => ({ name: "Changed" }) },
  { method: "POST", path: "/update-session", body: () => ({}) },
  { method: "POST", path: "/verify-password", body: () => ({ password: PASSWORD }) },
  {
    method: "POST",
    path: "/change-password",
    body: () => ({ currentPassword: PASSWORD, newPassword: "a different long passphrase" }),
  },
  { method: "POST", path: "/change-email", body: () => ({ newEmail: `changed${++n}@example.com` }) },
  { method: "POST", path: "/revoke-session", body: (token) => ({ token }) },
  { method: "POST", path: "/revoke-sessions", body: () => ({}) },
  { method: "POST", path: "/revoke-other-sessions", body: () => ({}) },
  { method: "POST", path: "/link-social", body: () => ({ provider: "github" }) },
  { method: "POST", path: "/unlink-account", body: () => ({ providerId: "credential" }) },
  { method: "POST", path: "/get-access-token", body: () => ({ providerId: "credential" }) },
  { method: "POST", path: "/refresh-token", body: () => ({ providerId: "credential" }) },
  { method: "POST", path: "/delete-user", body: () => ({ password: PASSWORD }) },
  { method: "POST", path: "/send-verification-email", body: () => ({}) },
  { method: "POST", path: "/sign-out", body: () => ({}) },
];

/** Everything a route could change about a user: their row, sessions and accounts. */
async function snapshot(userId: string) {
  const [user, sessions, accounts] = await Promise.all([
    query(app.databaseUrl, `SELECT * FROM "user" WHERE id = $1`, [userId]),
    query(app.databaseUrl, `SELECT * FROM session WHERE user_id = $1 ORDER BY id`, [userId]),
    query(app.databaseUrl, `SELECT * FROM account WHERE user_id = $1 ORDER BY id`, [userId]),
  ]);
  return { user, sessions, accounts };
}

describe("a disabled user on Better Auth's routes", () => {
  it.each(SESSION_ROUTES)("$method $path is refused and changes nothing", async ({ method, path, body }) => {
    const browser = new Browser();
    const email = `disabled${++n}-${Date.now()}@example.com`;
    expect((await browser.signUp(email, PASSWORD)).status).toBe(200);
    // A second session, so revoke-other-sessions would have something to do.
    await new Browser("203.0.113.2").signIn(email, PASSWORD);
    const [row] = await query<{ id: string; token: string }>(
      app.databaseUrl,
      `SELECT u.id, s.token FROM "user" u JOIN session s ON s.user_id = u.id WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const { id, token } = row!;
    await query(app.databaseUrl, `UPDATE "user" SET disabled = true WHERE id = $1`, [id]);
    const before = await snapshot(id);

    const res = await browser.fetch(`/api/auth${path}`, {
      method,
      json: method === "POST" ? (body?.(token) ?? {}) : undefined,
    });
    expect([401, 403]).toContain(res.status);
    expect(res.headers.getSetCookie().filter((c) => !/max-age=0/i.test(c))).toEqual([]);
    expect(await snapshot(id)).toEqual(before);
  });
});

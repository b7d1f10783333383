/**
 * Better Auth's routes take no more body than they need, store nothing
 * PostgreSQL or a person could choke on, and a signed-in owner can still check
 * and change their password while their account is being guessed at.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

const PASSWORD = "alice's long password";
let app: TestApp;

beforeAll(async () => {
  app = await setupTestApp();
});

let n = 0;
async function signedUp(): Promise<{ browser: Browser; email: string }> {
  const email = `user${++n}@example.com`;
  const browser = new Browser(`192.0.2.${n}`);
  expect((await browser.signUp(email, PASSWORD)).status).toBe(200);
  return { browser, email };
}

/** A JSON body that never ends, counting what the server pulls from it. */
function endlessJson(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode(`"${"a".repeat(64 * 1024)}", `);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"email":"x@example.com","password":['));
    },
    pull(c) {
      if (pulled > 200 * 1024 * 1024) return c.close();
      pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

describe("an auth request's body", () => {
  it("is cut off at 64 KB when it streams without a length: 413, and the rest is never read", async () => {
    const { body, pulled } = endlessJson();
    const res = await new Browser("198.51.100.1").fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(413);
    expect(pulled()).toBeLessThan(1024 * 1024);
  });

  it("is refused before reading when it declares more than the limit", async () => {
    const res = await new Browser("198.51.100.2").fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(150 * 1024 * 1024) },
      body: JSON.stringify({ email: "big@example.com", password: PASSWORD, name: "big" }),
    });
    expect(res.status).toBe(413);
  });

  it("cannot store a NUL character, a 10,000-character name or a javascript: avatar: 400, nothing changed", async () => {
    const { browser, email } = await signedUp();
    for (const change of [
      { name: "a\u0000b" },
      { name: "x".repeat(10_000) },
      { image: "javascript:alert(1)" },
    ]) {
      const res = await browser.post("/api/auth/update-user", change);
      expect(res.status, JSON.stringify(change).slice(0, 40)).toBe(400);
    }
    expect((await browser.post("/api/auth/update-user", { name: "x".repeat(2 * 1024 * 1024) })).status).toBe(
      413,
    );
    const [row] = await query<{ name: string; image: string | null }>(
      app.databaseUrl,
      `SELECT name, image FROM "user" WHERE email = $1`,
      [email],
    );
    expect(row).toEqual({ name: email.split("@")[0], image: null });

    const nul = await new Browser("198.51.100.3").signUp("nul@example.com", PASSWORD, "a\u0000b");
    expect(nul.status).toBe(400);
    const huge = await new Browser("198.51.100.4").signUp("huge@example.com", PASSWORD, "y".repeat(20_000));
    expect(huge.status).toBe(400);
    const users = await query(
      app.databaseUrl,
      `SELECT 1 FROM "user" WHERE email IN ('nul@example.com', 'huge@example.com')`,
    );
    expect(users).toHaveLength(0);

    expect((await browser.post("/api/auth/update-user", { name: "Alice B." })).status).toBe(200);
  });
});

describe("an account under a spread-out guessing attack", () => {
  it("still lets its signed-in owner verify and change the password from a new address", async () => {
    const { browser: owner, email } = await signedUp();
    const { accountKey, takeAttempt, LIMITS } = await import("@/lib/auth/throttle");
    // The per-account budget spent by guesses from many addresses.
    for (let i = 0; i <= LIMITS.passwordPerAccount.points; i++)
      await takeAttempt("passwordPerAccount", accountKey(email));

    const stranger = await new Browser("203.0.113.200").signIn(email, PASSWORD);
    expect(stranger.status).toBe(429);

    const roaming = new Browser("203.0.113.201");
    roaming.cookies = owner.cookies;
    expect((await roaming.post("/api/auth/verify-password", { password: PASSWORD })).status).toBe(200);
    const changed = await roaming.post("/api/auth/change-password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new long password",
    });
    expect(changed.status).toBe(200);
  });
});

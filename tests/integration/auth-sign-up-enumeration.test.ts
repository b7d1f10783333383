import { beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * Sign-up does not tell whether an email has an account: a taken email gets
 * the same status and body as a new one, in about the same time. Only a new
 * account comes with a session.
 */
// Every password check hashes on purpose (slowly); a loaded machine needs the time.
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let app: TestApp;
let n = 0;
const email = () => `enum${++n}-${Date.now()}@example.com`;

beforeAll(async () => {
  app = await setupTestApp();
});

/** Each sign-up from an address of its own, so the per-address limit stays out of the way. */
async function timedSignUp(address: string, password = PASSWORD) {
  const browser = new Browser(`198.51.100.${++n % 250}`);
  const started = performance.now();
  const res = await browser.signUp(address, password);
  const ms = performance.now() - started;
  return { status: res.status, body: await res.text(), ms, cookies: res.headers.getSetCookie(), browser };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("sign-up with an email that has an account", () => {
  it("answers with the same status and body as for a new email, and no session", async () => {
    const taken = email();
    const fresh = await timedSignUp(taken);
    const again = await timedSignUp(taken, "someone else's passphrase");
    expect(again.status).toBe(fresh.status);
    expect(again.status).toBe(200);
    expect(again.body).toBe(fresh.body);

    expect(fresh.cookies.some((c) => c.includes("session_token"))).toBe(true);
    expect(again.cookies).toEqual([]);
    expect((await again.browser.me()).status).toBe(401);
    // The owner's account is untouched: one account, one session (their own), their password.
    const rows = await query<{ sessions: string; accounts: string }>(
      app.databaseUrl,
      `SELECT (SELECT count(*) FROM session s WHERE s.user_id = u.id) AS sessions,
              (SELECT count(*) FROM account a WHERE a.user_id = u.id) AS accounts
         FROM "user" u WHERE u.email = $1`,
      [taken],
    );
    expect(rows).toEqual([{ sessions: "1", accounts: "1" }]);
    expect((await new Browser("203.0.113.9").signIn(taken, PASSWORD)).status).toBe(200);
  });

  it("takes about as long as a real sign-up (medians within a factor of two)", async () => {
    const taken = email();
    await timedSignUp(taken);
    const newTimes: number[] = [];
    const takenTimes: number[] = [];
    // Interleaved, so a slow moment on the machine touches both sides alike.
    for (let i = 0; i < 7; i++) {
      newTimes.push((await timedSignUp(email())).ms);
      takenTimes.push((await timedSignUp(taken)).ms);
    }
    const ratio = median(takenTimes) / median(newTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("still says what is wrong with the input, the same way for both", async () => {
    const taken = email();
    await timedSignUp(taken);
    const short = await timedSignUp(taken, "short");
    const shortNew = await timedSignUp(email(), "short");
    expect(short.status).toBe(400);
    expect(short.body).toBe(shortNew.body);
  });
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

/**
 * Every password check is throttled per address and per account, on the
 * body Better Auth acts on, without letting an attacker lock the owner out.
 */
// Every password check hashes on purpose (slowly); a loaded machine needs the time.
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let n = 0;
const email = () => `throttle${++n}-${Date.now()}@example.com`;

beforeAll(async () => {
  await setupTestApp();
});

async function signedUp(ip = "203.0.113.1") {
  const address = email();
  const browser = new Browser(ip);
  expect((await browser.signUp(address, PASSWORD)).status).toBe(200);
  return { address, browser };
}

describe("the body the throttle reads", () => {
  it("is the body Better Auth acts on: a form naming a decoy for JSON and the victim for the form is refused", async () => {
    const { address } = await signedUp();
    // As JSON this names a fresh decoy each time; as a form it names the victim.
    const smuggle = (i: number, password: string) =>
      `{"email":"decoy${i}@example.com","x":"&email=${encodeURIComponent(address)}&password=${encodeURIComponent(password)}&"}`;
    for (let i = 0; i < 12; i++) {
      const attacker = new Browser("198.51.100.66");
      const res = await attacker.fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: smuggle(i, i === 11 ? PASSWORD : `guess ${i}`),
      });
      expect(res.status).toBe(415);
      expect((await res.json()).message).toMatch(/application\/json/);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it("refuses sign-up and any other POST that is not JSON", async () => {
    const res = await new Browser().fetch("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=${encodeURIComponent(email())}&password=${encodeURIComponent(PASSWORD)}&name=Form`,
    });
    expect(res.status).toBe(415);
    const textPlain = await new Browser().fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(textPlain.status).toBe(415);
  });
});

describe("password checks behind a session", () => {
  it("throttles verify-password after 10 wrong passwords, even for the right one", async () => {
    const { browser } = await signedUp();
    for (let i = 0; i < 10; i++) {
      const res = await browser.post("/api/auth/verify-password", { password: `guess ${i}` });
      expect(res.status).toBe(400);
    }
    const blocked = await browser.post("/api/auth/verify-password", { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await blocked.json()).message).toMatch(/Too many password attempts\. Try again in/);
  });

  it("throttles change-password after 10 wrong current passwords, and changes nothing", async () => {
    const { address, browser } = await signedUp();
    const change = (currentPassword: string) =>
      browser.post("/api/auth/change-password", {
        currentPassword,
        newPassword: "an entirely new passphrase",
      });
    for (let i = 0; i < 10; i++) expect((await change(`guess ${i}`)).status).toBe(400);
    expect((await change(PASSWORD)).status).toBe(429);
    // The password is still the old one (signed in from elsewhere).
    expect((await new Browser("203.0.113.200").signIn(address, PASSWORD)).status).toBe(200);
  });

  it("counts sign-in failures and verify-password failures for the same account and address together", async () => {
    const { address, browser } = await signedUp("203.0.113.7");
    for (let i = 0; i < 10; i++)
      expect((await new Browser("203.0.113.7").signIn(address, `guess ${i}`)).status).toBe(401);
    expect((await browser.post("/api/auth/verify-password", { password: PASSWORD })).status).toBe(429);
  });
});

describe("locking out", () => {
  it("lets the owner sign in from their own address while an attacker hammers from another", async () => {
    const { address } = await signedUp();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await new Browser("198.51.100.13").signIn(address, `guess ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // Even the right password from the attacker's address waits.
    expect((await new Browser("198.51.100.13").signIn(address, PASSWORD)).status).toBe(429);

    expect((await new Browser("203.0.113.50").signIn(address, PASSWORD)).status).toBe(200);
  });

  it("stops guessing spread over many addresses, but never at an address the owner signed in from", async () => {
    const { accountKey, LIMITS, takePasswordAttempt } = await import("@/lib/auth/throttle");
    const { address } = await signedUp();
    const home = "203.0.113.60";
    expect((await new Browser(home).signIn(address, PASSWORD)).status).toBe(200);
    // Guesses from many addresses, each under its own limit, use up the account's. Taken through
    // the throttle the route uses, as each wrong guess through the route would (hashing is slow).
    // The owner's own sign-in took one of the account's points.
    const perAddress = LIMITS.passwordPerAccountAndIp.points;
    for (let k = 0; k < LIMITS.passwordPerAccount.points - 1; k++) {
      const ip = `198.18.${Math.floor(k / perAddress)}.1`;
      expect(await takePasswordAttempt(accountKey(address), ip)).toBe(0);
    }

    expect((await new Browser("198.18.200.1").signIn(address, PASSWORD)).status).toBe(429);
    expect((await new Browser(home).signIn(address, PASSWORD)).status).toBe(200);
  });
});

describe("sign-up", () => {
  it("is limited to 20 accounts an hour from one address", async () => {
    const ip = "198.51.100.20";
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await new Browser(ip).signUp(email(), PASSWORD)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await new Browser("198.51.100.21").signUp(email(), PASSWORD)).status).toBe(200);
  });
});

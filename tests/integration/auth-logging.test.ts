/**
 * A request Better Auth refuses (malformed JSON, a wrong password) is the
 * caller's mistake: it is answered with its 4xx and logged at debug, not
 * printed to stderr as an error an administrator would chase.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

let alice: Browser;

beforeAll(async () => {
  await setupTestApp();
  alice = new Browser();
  expect((await alice.signUp("alice@example.com", "alice's long password")).status).toBe(200);
});

afterEach(() => vi.restoreAllMocks());

describe("refused sign-ins", () => {
  it("log nothing as an error: malformed JSON and a wrong password", async () => {
    const { logger } = await import("@/lib/log/logger");
    const error = vi.spyOn(logger(), "error");
    const stderr = vi.spyOn(process.stderr, "write");
    const consoleError = vi.spyOn(console, "error");

    const malformed = await new Browser("192.0.2.50").fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email": "alice@example.com", "password": ',
    });
    expect(malformed.status).toBe(400);
    const wrong = await new Browser("192.0.2.51").signIn("alice@example.com", "not alice's password");
    expect(wrong.status).toBe(401);

    expect(error).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join("")).not.toMatch(/ERROR|Invalid JSON/);
  });
});

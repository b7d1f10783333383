/**
 * A browser that goes away while sending a body (a closed tab, a dropped
 * connection) is nothing wrong on our side: the app's API logs it at debug and
 * answers 499, never an "unexpected error" with a 500, and writes nothing.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let alice: Browser;

beforeAll(async () => {
  app = await setupTestApp();
  alice = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
});

/** A JSON body whose sender disappears after its first bytes, as Next.js sees a dropped upload. */
function droppedBody(gone: AbortController): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"format":"hearth","chats":[{"title":"half'));
    },
    pull(c) {
      gone.abort();
      c.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
}

describe("a client that disconnects mid-body", () => {
  it("is logged at debug, answered 499, and leaves no chat behind", async () => {
    const { logger } = await import("@/lib/log/logger");
    const error = vi.spyOn(logger(), "error");
    const debug = vi.spyOn(logger(), "debug");
    const gone = new AbortController();
    const res = await alice.fetch("/api/chats/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: droppedBody(gone),
      signal: gone.signal,
    });
    expect(res.status).toBe(499);
    expect(error).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/client went away/));
    const [{ count }] = (await query<{ count: string }>(app.databaseUrl, "SELECT count(*) FROM chat")) as [
      { count: string },
    ];
    expect(Number(count)).toBe(0);
    error.mockRestore();
    debug.mockRestore();
  });
});

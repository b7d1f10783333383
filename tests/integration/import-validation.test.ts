/**
 * An import that cannot be stored as it is gets a 400 naming the problem,
 * and nothing of it is written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let alice: Browser;

beforeAll(async () => {
  app = await setupTestApp();
  alice = new Browser();
  await alice.signUp("importer@example.com", "a long enough passphrase");
});

function upload(body: unknown) {
  return alice.post("/api/chats/import", body);
}

const chatCount = async () =>
  (await query<{ n: number }>(app.databaseUrl, `SELECT count(*)::int AS n FROM chat`))[0]!.n;

function conversation(overrides: Record<string, unknown> = {}, text = "Hello there") {
  return {
    title: "From ChatGPT",
    create_time: 1_700_000_000,
    current_node: "u1",
    mapping: {
      root: { id: "root", parent: null, message: null },
      u1: {
        id: "u1",
        parent: "root",
        message: { author: { role: "user" }, create_time: 1_700_000_001, content: { parts: [text] } },
      },
    },
    ...overrides,
  };
}

function hearthExport(message: Record<string, unknown>) {
  return {
    format: "hearth-chats",
    version: 1,
    chats: [
      {
        id: "c1",
        title: "Mine",
        pinned: false,
        createdAt: "2025-01-01T00:00:00Z",
        messages: [
          {
            id: "m1",
            parentId: null,
            role: "user",
            content: "Hi",
            createdAt: "2025-01-01T00:00:00Z",
            ...message,
          },
        ],
      },
    ],
  };
}

async function expectRefused(body: unknown, problem: RegExp) {
  const before = await chatCount();
  const res = await upload(body);
  expect(res.status).toBe(400);
  const { error } = await res.json();
  expect(error.code).toBe("bad_request");
  expect(error.message).toMatch(problem);
  expect(error.message).toMatch(/Nothing was imported/);
  expect(await chatCount()).toBe(before);
}

describe("importing ChatGPT's conversations.json", () => {
  it("refuses an absurd create_time with a 400 naming it, writing nothing", async () => {
    // A good conversation first: the bad second one must not leave it half-imported.
    await expectRefused(
      [conversation(), conversation({ create_time: 1e20 })],
      /^This conversations\.json.*1\.create_time/,
    );
  });

  it("refuses an absurd time on a message and a negative one on a conversation", async () => {
    const bad = conversation();
    (bad.mapping.u1.message as { create_time: number }).create_time = 9e15;
    await expectRefused([bad], /0\.mapping\.u1\.message\.create_time: is not a time between 1970 and 2100/);
    await expectRefused([conversation({ create_time: -5e12 })], /0\.create_time/);
  });

  it("refuses text PostgreSQL cannot store and text longer than a message may be", async () => {
    await expectRefused(
      [conversation({}, "nul \u0000 byte")],
      /0\.mapping\.u1\.message\.content: contains a NUL character/,
    );
    await expectRefused([conversation({}, "x".repeat(500_001))], /longer than 500,000 characters/);
    await expectRefused([conversation({ title: "a\u0000b" })], /0\.title: contains a NUL character/);
  });

  it("imports a parent cycle among structural nodes without hanging", async () => {
    const looped = conversation({ current_node: "x" });
    Object.assign(looped.mapping, {
      x: { id: "x", parent: "y", message: null },
      y: { id: "y", parent: "x", message: null },
    });
    const res = await upload([looped]);
    expect(res.status).toBe(201);
  });
});

describe("importing a Hearth export", () => {
  it("refuses two messages with the same id with a 400, writing nothing", async () => {
    const twice = hearthExport({});
    twice.chats[0]!.messages.push({ ...twice.chats[0]!.messages[0]! });
    await expectRefused(twice, /chats\.0\.messages\.1\.id: is used by two messages/);
  });

  it("refuses a NUL character in a message", async () => {
    await expectRefused(
      hearthExport({ content: "a\u0000b" }),
      /chats\.0\.messages\.0\.content: contains a NUL character/,
    );
  });

  it("still imports a well-formed export", async () => {
    const res = await upload(hearthExport({}));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 1 });
  });
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedChat, seedMessage, seedMessages, userIdOf } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

/*
 * Search picks its page one of two ways, by how many messages PostgreSQL
 * expects to match: reading the matches from the GIN index (a rare word) or
 * walking the user's chats newest first (a common one). Both must give the
 * same page: the user's newest matching chats, never anyone else's.
 */
interface Hit {
  chatId: string;
  messageId: string | null;
  snippet: string;
  title: string;
  updatedAt: string;
}

let app: TestApp;
let alice: Browser;
let bob: Browser;
const users: Record<string, string> = {};
/** Alice's chats mentioning "harbor", newest first. */
const aliceHarbor: string[] = [];
let titleOnly = "";
let twice = { chatId: "", older: "", newer: "" };

let db: pg.Client;
const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  (await db.query<T>(text, values)).rows;

async function chat(owner: string, title: string, hoursAgo: number, contents: string[]): Promise<string[]> {
  const chatId = await seedChat(app.databaseUrl, {
    userId: users[owner]!,
    title,
    ageSeconds: hoursAgo * 3600,
  });
  const ids = [chatId];
  for (const [i, content] of contents.entries())
    ids.push(
      await seedMessage(app.databaseUrl, {
        chatId,
        role: "assistant",
        content,
        ageSeconds: hoursAgo * 3600 + (contents.length - i) * 60,
      }),
    );
  return ids;
}

beforeAll(async () => {
  app = await setupTestApp();
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  for (const name of ["alice", "bob"]) users[name] = await userIdOf(app.databaseUrl, `${name}@example.com`);

  // 26 of Alice's chats match (more than a page of 20), an hour apart; Bob's
  // matching chats are newer than all of them.
  for (let i = 0; i < 26; i++) {
    if (i === 3) {
      titleOnly = (await chat("alice", "Harbor lights", i, ["Nothing to see in here."]))[0]!;
      aliceHarbor.push(titleOnly);
    } else if (i === 5) {
      // The older message mentions the word more often: the latest one is still the one shown.
      const [chatId, older, , newer] = await chat("alice", `Walk ${i}`, i, [
        "harbor harbor harbor, the harbor at dawn",
        "unrelated words in between",
        "and back to the harbor at dusk",
      ]);
      twice = { chatId: chatId!, older: older!, newer: newer! };
      aliceHarbor.push(chatId!);
    } else {
      const [chatId] = await chat("alice", `Walk ${i}`, i, [`The boats left the harbor at ${i} o'clock.`]);
      aliceHarbor.push(chatId!);
    }
    await chat("alice", `Other ${i}`, i + 0.5, ["Nothing about boats here."]);
  }
  for (let i = 0; i < 5; i++) await chat("bob", `Bob's harbor ${i}`, 0.1 * i, ["Bob's harbor notes."]);
});

afterAll(async () => {
  await db?.end();
});

async function find(b: Browser, q: string): Promise<Hit[]> {
  const res = await b.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Hit[] }).data;
}

async function expectedMatches(q: string): Promise<number> {
  const [plan] = await sql<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM message WHERE search @@ to_tsquery('simple', $1)`,
    [q],
  );
  return plan!["QUERY PLAN"][0].Plan["Plan Rows"];
}

function expectAlicesPage(hits: Hit[]) {
  // The 20 newest of her matching chats, newest first; a chat appears once.
  expect(hits.map((h) => h.chatId)).toEqual(aliceHarbor.slice(0, 20));
  const times = hits.map((h) => h.updatedAt);
  expect(times).toEqual([...times].sort().reverse());
  // A matching title is the snippet; otherwise the chat's latest matching message.
  const title = hits.find((h) => h.chatId === titleOnly)!;
  expect(title.messageId).toBeNull();
  expect(title.snippet).toContain("\u0002Harbor\u0003");
  const walk = hits.find((h) => h.chatId === twice.chatId)!;
  expect(walk.messageId).toBe(twice.newer);
  expect(walk.snippet).toContain("dusk");
  for (const h of hits.filter((x) => x.messageId)) expect(h.snippet).toContain("\u0002harbor\u0003");
}

describe("search order and ownership", () => {
  it("with a rare word: the user's newest matching chats first, never another user's", async () => {
    expect(await expectedMatches("harbor:*")).toBeLessThan(5_000);
    expectAlicesPage(await find(alice, "harbor"));
    expectAlicesPage(await find(alice, "harb"));
    const bobs = await find(bob, "harbor");
    expect(bobs).toHaveLength(5);
    expect(bobs.every((h) => h.title.startsWith("Bob's"))).toBe(true);
  });

  it("with a word in thousands of messages (most of them another user's): the same page", async () => {
    const [bobChat] = await chat("bob", "Bob's long log", 100, []);
    await seedMessages(app.databaseUrl, {
      chatId: bobChat!,
      role: "user",
      contents: Array.from({ length: 20_000 }, (_, i) => `harbor log entry ${i + 1}`),
    });
    await sql(`ANALYZE message`);
    expect(await expectedMatches("harbor")).toBeGreaterThanOrEqual(5_000);
    expectAlicesPage(await find(alice, "harbor"));
    expectAlicesPage(await find(alice, "harb"));
    expect((await find(alice, "harbor dusk")).map((h) => h.chatId)).toEqual([twice.chatId]);
    expect((await find(bob, "harbor")).map((h) => h.title)).toEqual([
      "Bob's harbor 0",
      "Bob's harbor 1",
      "Bob's harbor 2",
      "Bob's harbor 3",
      "Bob's harbor 4",
      "Bob's long log",
    ]);
  });
});

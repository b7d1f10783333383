import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedChat, seedMessage } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let alice: Browser;
let bob: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await setupTestApp();
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  const users = { alice: await alice.id(), bob: await bob.id() };
  for (const [key, owner, title, content] of [
    ["lighthouse", "alice", "Coastal walk", "The old lighthouse keeper lit the lamp every evening at dusk."],
    ["recipe", "alice", "Lighthouse cake", "Flour, sugar and three eggs."],
    ["bobs", "bob", "Bob's notes", "A lighthouse on the northern cape."],
  ] as const) {
    ids[key] = await seedChat(app.databaseUrl, { userId: users[owner], title });
    ids[`${key}-msg`] = await seedMessage(app.databaseUrl, { chatId: ids[key], role: "assistant", content });
  }
});

async function find(b: Browser, q: string) {
  const res = await b.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()).data as {
    chatId: string;
    messageId: string | null;
    snippet: string;
    title: string;
  }[];
}

describe("search", () => {
  it("finds the user's own messages and titles by word prefix, with the match marked in a snippet", async () => {
    const hits = await find(alice, "lighth");
    expect(hits.map((h) => h.chatId).sort()).toEqual([ids.lighthouse, ids.recipe].sort());
    const walk = hits.find((h) => h.chatId === ids.lighthouse)!;
    expect(walk.messageId).toBe(ids["lighthouse-msg"]);
    expect(walk.snippet).toContain("\u0002lighthouse\u0003");
    const cake = hits.find((h) => h.chatId === ids.recipe)!;
    expect(cake.messageId).toBeNull();
  });

  it("needs every word, and never shows another user's chats", async () => {
    expect((await find(alice, "lamp dusk")).map((h) => h.chatId)).toEqual([ids.lighthouse]);
    expect(await find(alice, "lamp northern")).toEqual([]);
    expect((await find(bob, "lighthouse")).map((h) => h.chatId)).toEqual([ids.bobs]);
  });

  it("treats query syntax as plain words and answers nothing for nothing", async () => {
    expect(await find(alice, "")).toEqual([]);
    expect(await find(alice, "&|!:*()'")).toEqual([]);
    expect((await find(alice, "keeper's (lamp)")).map((h) => h.chatId)).toEqual([ids.lighthouse]);
  });
});

import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { setupTestApp, type TestApp } from "../support/test-app";

type H = (req: Request, ctx: never) => Promise<Response>;
let app: TestApp;
let alice: Browser;
let bob: Browser;
let search: H;
const ids: Record<string, string> = {};

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

beforeAll(async () => {
  app = await setupTestApp();
  const routes = await loadRoutes();
  search = ((await import("@/app/api/search/route")) as unknown as { GET: H }).GET;
  alice = new Browser(routes);
  bob = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  const users = Object.fromEntries(
    (await sql<{ id: string; email: string }>(`SELECT id, email FROM "user"`)).map((u) => [
      u.email.split("@")[0],
      u.id,
    ]),
  );
  for (const [key, owner, title, content] of [
    ["lighthouse", "alice", "Coastal walk", "The old lighthouse keeper lit the lamp every evening at dusk."],
    ["recipe", "alice", "Lighthouse cake", "Flour, sugar and three eggs."],
    ["bobs", "bob", "Bob's notes", "A lighthouse on the northern cape."],
  ] as const) {
    const [chat] = await sql<{ id: string }>(
      `INSERT INTO chat (user_id, title) VALUES ($1, $2) RETURNING id`,
      [users[owner], title],
    );
    const [msg] = await sql<{ id: string }>(
      `INSERT INTO message (chat_id, role, content) VALUES ($1, 'assistant', $2) RETURNING id`,
      [chat!.id, content],
    );
    ids[key] = chat!.id;
    ids[`${key}-msg`] = msg!.id;
  }
});

async function find(b: Browser, q: string) {
  const headers = new Headers({ origin: ORIGIN });
  if (b.cookies.size) headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  const res = await search(
    new Request(`${ORIGIN}/api/search?q=${encodeURIComponent(q)}`, { headers }),
    undefined as never,
  );
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

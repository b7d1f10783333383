import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedConversation, seedMessage } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let alice: Browser;
let bob: Browser;
let getSharedChat: typeof import("@/lib/shares/get-shared-chat").getSharedChat;
let chatId: string;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

beforeAll(async () => {
  app = await setupTestApp();
  ({ getSharedChat } = await import("@/lib/shares/get-shared-chat"));
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  ({ chatId } = await seedConversation(app.databaseUrl, {
    userId: await alice.id(),
    title: "Garden plans",
    systemPrompt: "secret instructions",
    messages: [
      { role: "user", content: "What grows in shade?" },
      { role: "assistant", content: "Ferns and hostas." },
    ],
  }));
});

const tokenOf = (url: string) => url.split("/share/")[1]!;

describe("share links", () => {
  it("show a snapshot of the branch at sharing time, stored only hashed and encrypted", async () => {
    const res = await alice.post(`/api/chats/${chatId}/shares`);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/share\/[A-Za-z0-9_-]{32}$/);
    const token = tokenOf(created.url);
    const [row] = await sql(`SELECT * FROM share WHERE id = $1`, [created.id]);
    expect(JSON.stringify(row)).not.toContain(token);

    const shared = await getSharedChat(token);
    expect(shared?.title).toBe("Garden plans");
    expect(shared?.messages.map((m) => m.content)).toEqual(["What grows in shade?", "Ferns and hostas."]);

    // Later messages are not part of the snapshot.
    const [leaf] = await sql<{ current_leaf_id: string }>(`SELECT current_leaf_id FROM chat WHERE id = $1`, [
      chatId,
    ]);
    await seedMessage(app.databaseUrl, {
      chatId,
      parentId: leaf!.current_leaf_id,
      role: "user",
      content: "And in sun?",
    });
    expect((await getSharedChat(token))?.messages).toHaveLength(2);
    // The owner can copy the link again.
    const listed = await (await alice.get(`/api/chats/${chatId}/shares`)).json();
    expect(listed.data.map((s: { url: string }) => s.url)).toEqual([created.url]);
  });

  it("stop working at once when revoked, and belong to their owner", async () => {
    const created = await (await alice.post(`/api/chats/${chatId}/shares`)).json();
    const token = tokenOf(created.url);
    expect(await getSharedChat(token)).not.toBeNull();
    expect((await bob.post(`/api/chats/${chatId}/shares`)).status).toBe(404);
    expect((await bob.get(`/api/chats/${chatId}/shares`)).status).toBe(404);
    expect((await bob.delete(`/api/shares/${created.id}`)).status).toBe(404);
    expect(await getSharedChat(token)).not.toBeNull();

    expect((await alice.delete(`/api/shares/${created.id}`)).status).toBe(204);
    expect(await getSharedChat(token)).toBeNull();
    expect((await alice.delete(`/api/shares/${created.id}`)).status).toBe(404);
  });

  it("refuse tokens that are wrong or malformed", async () => {
    expect(await getSharedChat("A".repeat(32))).toBeNull();
    expect(await getSharedChat("../../etc/passwd")).toBeNull();
  });
});

/**
 * Input PostgreSQL cannot store, or cannot read as the type a query casts it
 * to, gets a 400 naming the field, not a 500 from the failed statement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { Browser } from "../support/auth-client";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

let user: Browser;
let apiKey: string;

beforeAll(async () => {
  await setupTestApp({ RATE_LIMIT_REQUESTS: "1000" });
  user = new Browser();
  await user.signUp("unstorable@example.com", "a long enough passphrase");
  apiKey = await seedKey({ userId: await user.id(), name: "unstorable" });
});

describe("a NUL character", () => {
  it.each([
    ["/api/prompts", { name: "a\u0000b", body: "text" }, "name"],
    ["/api/prompts", { name: "n", body: "text\u0000" }, "body"],
    ["/api/chats", { systemPrompt: "be \u0000 brief" }, "systemPrompt"],
    ["/api/keys", { name: "key\u0000" }, "name"],
    ["/api/keys", { name: "key", models: ["llama\u0000"] }, "models.0"],
  ])("in POST %s is a 400 naming the field", async (route, body, field) => {
    const res = await user.post(route, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: field });
  });

  it("in the model of a /v1 request is a 400 in OpenAI's shape", async () => {
    const res = await appFetch(
      appRequest("/v1/chat/completions", {
        headers: { authorization: `Bearer ${apiKey}` },
        json: { model: "llama\u0000", messages: [{ role: "user", content: "hi" }] },
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", param: "model" });
  });
});

describe("a chat-list cursor", () => {
  it("whose time is not a time is a 400, not a failed cast in the query", async () => {
    const cursor = Buffer.from(
      JSON.stringify({ p: false, t: "not a time", i: "00000000-0000-4000-8000-000000000000" }),
    ).toString("base64url");
    const res = await user.get(`/api/chats?cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: "cursor" });
  });
});

describe("regenerating an answer", () => {
  it("with a NUL in the model's name is a 400 naming the model", async () => {
    const chat = await (await user.post("/api/chats", { model: "llama3.2:3b" })).json();
    const sent = await user.post(`/api/chats/${chat.id}/messages`, { content: "hi" });
    const answerId = (await sent.json()).assistantMessage.id;
    const res = await user.post(`/api/chats/${chat.id}/messages/${answerId}/regenerate`, {
      model: "llama\u0000",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: "model" });
  });
});

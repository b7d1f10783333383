/**
 * Input PostgreSQL cannot store, or cannot read as the type a query casts it
 * to, gets a 400 naming the field, not a 500 from the failed statement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let user: Browser;
let apiKey: string;

beforeAll(async () => {
  await setupTestApp({ RATE_LIMIT_REQUESTS: "1000" });
  user = new Browser(await loadRoutes());
  await user.signUp("unstorable@example.com", "a long enough passphrase");
  const userId = (await (await user.me()).json()).id;
  const { createApiKey } = await import("@/lib/keys/create-api-key");
  apiKey = (await createApiKey({ userId, name: "unstorable" })).key;
});

async function handler(path: string, method: string): Promise<Handler> {
  return ((await import(`@/app${path}/route`)) as unknown as Record<string, Handler>)[method]!;
}

async function send(route: string, method: string, url: string, body?: unknown) {
  const headers = new Headers({ origin: ORIGIN, "content-type": "application/json" });
  headers.set("cookie", [...user.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  const req = new Request(`${ORIGIN}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await handler(route, method))(req, { params: Promise.resolve({}) });
}

describe("a NUL character", () => {
  it.each([
    ["/api/prompts", { name: "a\u0000b", body: "text" }, "name"],
    ["/api/prompts", { name: "n", body: "text\u0000" }, "body"],
    ["/api/chats", { systemPrompt: "be \u0000 brief" }, "systemPrompt"],
    ["/api/keys", { name: "key\u0000" }, "name"],
    ["/api/keys", { name: "key", models: ["llama\u0000"] }, "models.0"],
  ])("in POST %s is a 400 naming the field", async (route, body, field) => {
    const res = await send(route, "POST", route, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: field });
  });

  it("in the model of a /v1 request is a 400 in OpenAI's shape", async () => {
    const res = await (
      await handler("/v1/chat/completions", "POST")
    )(
      new Request("http://hearth.test/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "llama\u0000", messages: [{ role: "user", content: "hi" }] }),
      }),
      { params: Promise.resolve({}) },
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
    const res = await send("/api/chats", "GET", `/api/chats?cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: "cursor" });
  });
});

describe("regenerating an answer", () => {
  it("with a NUL in the model's name is a 400 naming the model", async () => {
    const chat = await (await send("/api/chats", "POST", "/api/chats", { model: "llama3.2:3b" })).json();
    const sent = await (
      await handler("/api/chats/[chatId]/messages", "POST")
    )(
      new Request(`${ORIGIN}/api/chats/${chat.id}/messages`, {
        method: "POST",
        headers: {
          origin: ORIGIN,
          "content-type": "application/json",
          cookie: [...user.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        },
        body: JSON.stringify({ content: "hi" }),
      }),
      { params: Promise.resolve({ chatId: chat.id }) },
    );
    const answerId = (await sent.json()).assistantMessage.id;
    const res = await (
      await handler("/api/chats/[chatId]/messages/[messageId]/regenerate", "POST")
    )(
      new Request(`${ORIGIN}/api/chats/${chat.id}/messages/${answerId}/regenerate`, {
        method: "POST",
        headers: {
          origin: ORIGIN,
          "content-type": "application/json",
          cookie: [...user.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        },
        body: JSON.stringify({ model: "llama\u0000" }),
      }),
      { params: Promise.resolve({ chatId: chat.id, messageId: answerId }) },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", param: "model" });
  });
});

/**
 * Every documented example is a request that works: each operation with an
 * example is sent (its example body, real ids for its path) to the real
 * handlers, against PostgreSQL and the Ollama simulator, and must answer the
 * documented status with a body its documented schema accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { Browser } from "../support/auth-client";
import { gatewayFetch } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey, seedUser } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Example {
  method: (typeof METHODS)[number];
  path: string;
  op: ZodOpenApiOperationObject;
  body?: unknown;
  status: number;
  schema?: z.ZodType;
  example?: unknown;
}

let sim: OllamaSim;
let app: TestApp;
let owner: Browser;
let key: string;
let paths: ZodOpenApiPathsObject;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url, SIGNUP_POLICY: "open", RATE_LIMIT_REQUESTS: "1000" });
  owner = new Browser();
  await owner.signUp("owner@example.com", "the owner's long passphrase");
  key = await seedKey({ userId: await owner.id(), name: "examples" });
  paths = (await import("@/lib/openapi/document")).documentedPaths();
});

afterAll(async () => {
  await sim?.close();
});

/** Each operation that shows an example, with its first JSON success answer. */
function examples(): Example[] {
  const found: Example[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as ZodOpenApiOperationObject | undefined;
      if (!op) continue;
      const body = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)
        ?.content?.["application/json"]?.example;
      const [status, answer] = Object.entries(op.responses ?? {}).find(([s]) => s.startsWith("2")) ?? [];
      const content = (answer as { content?: Record<string, { schema?: z.ZodType; example?: unknown }> })
        ?.content?.["application/json"];
      if (body === undefined && content?.example === undefined) continue;
      found.push({
        method,
        path,
        op,
        body,
        status: Number(status),
        schema: content?.schema,
        example: content?.example,
      });
    }
  }
  return found;
}

/** Real ids for a path's parameters, made fresh for each request (a DELETE may use its own up). */
async function paramsFor(path: string): Promise<Record<string, string>> {
  if (path === "/v1/models/{id}") return { id: "llama3.2:3b" };
  const params: Record<string, string> = {};
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (name === "chatId") params.chatId = (await (await owner.post("/api/chats", {})).json()).id;
    else if (name === "promptId")
      params.promptId = (
        await (await owner.post("/api/prompts", { name: `p${Date.now()}`, body: "x" })).json()
      ).id;
    else if (name === "userId") params.userId = (await seedUser(app.databaseUrl)).id;
    else throw new Error(`no fixture for {${name}} in ${path}: add one here`);
  }
  return params;
}

const visitor = new Browser("198.51.100.7");

async function send(example: Example): Promise<Response> {
  const params = await paramsFor(example.path);
  const url = example.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  const method = example.method.toUpperCase();
  if (url.startsWith("/v1/")) {
    const fetch = await gatewayFetch();
    return fetch(`http://hearth.test${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: example.body === undefined ? undefined : JSON.stringify(example.body),
    });
  }
  // Signing up and in is done by someone else, so the owner's session stays.
  const browser = url.startsWith("/api/auth/") ? visitor : owner;
  return browser.fetch(url, { method, ...(example.body === undefined ? {} : { json: example.body }) });
}

describe("the documented examples", () => {
  it("are many, and each response example fits its own schema", () => {
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const e of all.filter((x) => x.example !== undefined)) {
      const parsed = e.schema!.safeParse(e.example);
      expect(parsed.success, `${e.method} ${e.path}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("each answer the documented status with a body the documented schema accepts", async () => {
    const failures: string[] = [];
    for (const example of examples()) {
      const res = await send(example);
      const text = await res.text();
      const where = `${example.method.toUpperCase()} ${example.path}`;
      if (res.status !== example.status) {
        failures.push(`${where}: ${res.status} instead of ${example.status}: ${text.slice(0, 300)}`);
        continue;
      }
      if (!example.schema) continue;
      const parsed = example.schema.safeParse(JSON.parse(text));
      if (!parsed.success) failures.push(`${where}: ${parsed.error.message} in ${text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });

  it("streams chat completions as the document says: text/event-stream, chunks, then [DONE]", async () => {
    const chat = examples().find((e) => e.path === "/v1/chat/completions")!;
    const res = await send({ ...chat, body: { ...(chat.body as object), stream: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("x-ratelimit-remaining-requests")).toMatch(/^\d+$/);
    const text = await res.text();
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });
});

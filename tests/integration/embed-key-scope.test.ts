/**
 * A publishable key sits in every visitor's page source: it must open
 * nothing but its own embed's chat. Every /v1 endpoint refuses it on the
 * fast path, and every other /api route answers it exactly as it answers a
 * caller with no credentials at all.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { appFetch, appRequest } from "../support/app-client";
import { GATEWAY_BASE, gatewayFetch } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
let sim: OllamaSim;
let key: string;
/** Real ids of the embed's owner, so a route that wrongly trusted the key would find something. */
let ids: Record<string, string>;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const owner = new Browser();
  await owner.signUp("owner@example.com", "the owner's long password");
  const chat = (await (await owner.post("/api/chats", { model: MODEL })).json()) as { id: string };
  const sent = (await (await owner.post(`/api/chats/${chat.id}/messages`, { content: "hi" })).json()) as {
    assistantMessage: { id: string };
  };
  const embed = (await (
    await owner.post("/api/embeds", { name: "Site", allowedOrigins: ["https://site.example"], model: MODEL })
  ).json()) as { id: string; publishableKey: string };
  key = embed.publishableKey;
  const me = (await (await owner.me()).json()) as { id: string };
  ids = { chatId: chat.id, messageId: sent.assistantMessage.id, embedId: embed.id, userId: me.id };
});

afterAll(() => sim?.close());

describe("on /v1", () => {
  it.each([
    ["GET", "/models", undefined],
    ["GET", `/models/${MODEL}`, undefined],
    ["POST", "/chat/completions", { model: MODEL, messages: [{ role: "user", content: "hi" }] }],
    ["POST", "/completions", { model: MODEL, prompt: "hi" }],
    ["POST", "/embeddings", { model: MODEL, input: "hi" }],
    ["POST", "/responses", { model: MODEL, input: "hi" }],
  ])("%s %s refuses a publishable key", async (method, url, body) => {
    const before = sim.requests.length;
    const res = await (
      await gatewayFetch()
    )(`${GATEWAY_BASE}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(403);
    const error = ((await res.json()) as { error: { message: string; type: string } }).error;
    expect(error.message).toMatch(/publishable key/);
    expect(sim.requests.length).toBe(before);
  });
});

/** Every route file under app/api but the embed's own, with its URL filled in from the owner's ids. */
function apiRoutes(): { url: string; file: string }[] {
  const root = path.resolve(import.meta.dirname, "../../app");
  const out: { url: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === "route.ts") {
        const segments = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        const url =
          "/" +
          segments
            .map((s) => {
              const name = /^\[(?:\.\.\.)?(\w+)\]$/.exec(s)?.[1];
              return name
                ? (ids[name] ?? (name === "all" ? "get-session" : "00000000-0000-4000-8000-000000000000"))
                : s;
            })
            .join("/");
        out.push({ url, file: p });
      }
    }
  };
  walk(path.join(root, "api"));
  return out.filter((r) => !r.url.startsWith("/api/embed/"));
}

describe("on every other /api route", () => {
  it("a publishable key gets no more than no credentials", async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const opened: string[] = [];
    for (const { url, file } of routes) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of METHODS) {
        if (typeof mod[method] !== "function") continue;
        const send = (headers: Record<string, string>) =>
          appFetch(
            appRequest(url, {
              method,
              ...(method === "GET" || method === "DELETE" ? {} : { json: {} }),
              headers: { "x-hearth-client-ip": "198.51.100.30", ...headers },
            }),
          );
        const anonymous = await send({});
        const withKey = await send({ authorization: `Bearer ${key}` });
        await anonymous.body?.cancel();
        await withKey.body?.cancel();
        // Public routes (health, sign-in, CSP reports) answer everyone alike; every other one refuses
        // both (the gateway's /api/v1 names the key's kind: 403 rather than 401).
        const refused = withKey.status === 401 || withKey.status === 403;
        if (withKey.status !== anonymous.status && !(refused && !anonymous.ok)) {
          opened.push(`${method} ${url}: ${anonymous.status} without, ${withKey.status} with the key`);
        }
      }
    }
    expect(opened).toEqual([]);
  });
});

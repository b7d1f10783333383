import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { setupTestApp } from "../support/test-app";

// A stand-in Ollama that answers /api/version, or never answers at all.
let mode: "answer" | "hang" | "error" = "answer";
const held: http.ServerResponse[] = [];
const ollama = http.createServer((req, res) => {
  if (mode === "hang") return void held.push(res);
  if (mode === "error") return void res.writeHead(500).end('{"error":"boom"}');
  if (req.url === "/api/version") return void res.end(JSON.stringify({ version: "0.12.3" }));
  res.writeHead(404).end("404 page not found");
});

beforeAll(async () => {
  await new Promise<void>((r) => ollama.listen(0, "127.0.0.1", r));
  const { port } = ollama.address() as AddressInfo;
  await setupTestApp({ OLLAMA_BASE_URL: `http://127.0.0.1:${port}` });
});

afterAll(() => {
  for (const res of held) res.destroy();
  ollama.closeAllConnections();
  ollama.close();
});

const check = () => appFetch(appRequest("/api/health"));

describe("GET /api/health", () => {
  it("answers 200 with the database and the runner checked", async () => {
    mode = "answer";
    const res = await check();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      version: expect.any(String),
      uptimeSeconds: expect.any(Number),
      checks: { database: { status: "ok" }, runner: { status: "ok", version: "0.12.3" } },
    });
  });

  it("stays 200, degraded, when Ollama fails", async () => {
    mode = "error";
    const res = await check();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("degraded");
    expect(body.checks.runner).toMatchObject({ status: "error", error: "Ollama answered HTTP 500" });
  });

  it("answers within 2 s even when Ollama hangs", async () => {
    mode = "hang";
    const t0 = Date.now();
    const res = await check();
    const elapsed = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(2000);
    const body = await res.json();
    expect(body.checks.runner).toMatchObject({
      status: "error",
      error: expect.stringMatching(/no answer within/),
    });
  });
});

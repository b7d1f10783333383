import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp, startHearthServer, type HearthServer } from "../support/hearth-server";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";

/**
 * Two production processes on one database, each with its own in-memory key
 * cache: a change made through one reaches the other through PostgreSQL's
 * LISTEN/NOTIFY, and the other refuses the key within 100 ms.
 */
let sim: OllamaSim;
const servers: HearthServer[] = [];
let one: string;
let other: string;
let adminCookie: string;
let dataDir: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-revoke-e2e-"));
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OLLAMA_BASE_URL: sim.url, LOG_LEVEL: "warn" };
  for (let i = 0; i < 2; i++) servers.push(await startHearthServer({ env }));
  [one, other] = servers.map((s) => s.base) as [string, string];
  adminCookie = await signUpOverHttp(one, "owner@example.com");
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const asSession = (base: string, cookie: string) => ({
  origin: base,
  cookie,
  "content-type": "application/json",
});

async function createKey(cookie: string): Promise<{ id: string; key: string }> {
  const res = await fetch(`${one}/api/keys`, {
    method: "POST",
    headers: asSession(one, cookie),
    body: JSON.stringify({ name: "e2e" }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

const listModels = (base: string, key: string) =>
  fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${key}` } }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

/** Milliseconds from `since` until the other process refuses the key (401 or 403); fails past a second. */
async function msUntilRefused(key: string, since: number): Promise<number> {
  while (performance.now() - since < 1000) {
    const status = await listModels(other, key);
    if (status === 401 || status === 403) return performance.now() - since;
    expect(status).toBe(200);
  }
  throw new Error("the other process still accepts the key after a second");
}

describe("a change to a key made through one process", () => {
  it("revoking: the other process refuses the key within 100 ms", async () => {
    const { id, key } = await createKey(adminCookie);
    // The other process has it in memory (a check, then a check from its cache).
    expect(await listModels(other, key)).toBe(200);
    expect(await listModels(other, key)).toBe(200);

    const revoked = await fetch(`${one}/api/keys/${id}`, {
      method: "DELETE",
      headers: asSession(one, adminCookie),
    });
    expect(revoked.status).toBe(204);
    expect(await msUntilRefused(key, performance.now())).toBeLessThan(100);
  });

  it("disabling the owner: the other process refuses their key within 100 ms", async () => {
    const cookie = await signUpOverHttp(one, "member@example.com");
    const session = await fetch(`${one}/api/auth/get-session`, { headers: { cookie } });
    const memberId = ((await session.json()) as { user: { id: string } }).user.id;
    const { key } = await createKey(cookie);
    expect(await listModels(other, key)).toBe(200);
    expect(await listModels(other, key)).toBe(200);

    const disabled = await fetch(`${one}/api/admin/users/${memberId}`, {
      method: "PATCH",
      headers: asSession(one, adminCookie),
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    expect(await msUntilRefused(key, performance.now())).toBeLessThan(100);
  });
});

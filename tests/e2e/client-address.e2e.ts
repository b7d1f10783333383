import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { killGroup, signUpOverHttp, startHearthServer, type HearthServer } from "../support/hearth-server";
import { createTestDatabase, freePort } from "../support/pg-harness";

/**
 * The client's address as `npm start` works it out: from the socket, whatever
 * the client writes in X-Forwarded-For (no TRUSTED_PROXIES here). A server of
 * its own, so its per-address counts touch no other test.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-client-address-"));
let server: HearthServer;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  server = await startHearthServer({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      OLLAMA_BASE_URL: `http://127.0.0.1:${await freePort()}`,
      TRUSTED_PROXIES: undefined,
    },
  });
});
afterAll(async () => {
  await server?.stop();
  if (server) killGroup(server.child, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function signIn(body: object, forwardedFor: string) {
  return fetch(`${server.base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: server.base,
      "x-forwarded-for": forwardedFor,
      "x-real-ip": forwardedFor,
      "x-hearth-client-ip": forwardedFor,
    },
    body: JSON.stringify(body),
  });
}

describe("the client address behind npm start", () => {
  it("throttles sign-in per address even when every try claims another X-Forwarded-For", async () => {
    const email = "owner@example.com";
    await signUpOverHttp(server.base, email);
    // Malformed tries are cheap (no password hashing) and count all the same.
    for (let i = 0; i < 30; i++) {
      const res = await signIn({ email: `not an email ${i}`, password: "x" }, `198.51.100.${i}`);
      expect(res.status).toBe(400);
    }
    const blocked = await signIn({ email, password: "a long enough passphrase" }, "203.0.113.250");
    expect(blocked.status).toBe(429);
  }, 120_000);

  it("records the socket's address on a new session, not a forged one", async () => {
    const res = await fetch(`${server.base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.base, "x-forwarded-for": "6.6.6.6" },
      body: JSON.stringify({ email: "second@example.com", password: "a long enough passphrase", name: "S" }),
    });
    expect(res.status).toBe(200);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ ip: string }>(
      `SELECT s.ip_address AS ip FROM session s JOIN "user" u ON u.id = s.user_id WHERE u.email = 'second@example.com'`,
    );
    await client.end();
    expect(rows).toEqual([{ ip: "127.0.0.1" }]);
  });
});

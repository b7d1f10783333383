/**
 * Key checks come from memory, and a change to a key or its owner reaches
 * every process through PostgreSQL's LISTEN/NOTIFY: a second process (the
 * key checker, the app's own verifyApiKey in a child) refuses within 100 ms
 * what this one changed, whether the change came through the app or by hand.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../support/query";
import { seedKey, seedUser } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";
import type { KeyCheck } from "@/lib/keys/verify-api-key";

interface Answer {
  result: KeyCheck;
  /** Queries the checker has sent to PostgreSQL so far. */
  queries: number;
  listening: boolean;
}

/** The other process: checks keys on request, with its own cache and its own listener. */
class KeyChecker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (a: Answer) => void>();
  private next = 0;

  constructor() {
    this.child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/key-checker.ts"],
      { cwd: path.resolve(import.meta.dirname, "../.."), env: process.env },
    );
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      const answer = JSON.parse(line) as Answer & { id: number; error?: string };
      if (answer.error) throw new Error(`key checker: ${answer.error}`);
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  check(key: string): Promise<Answer> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(JSON.stringify({ id, key }) + "\n");
    });
  }

  /** Checks until the key is answered from memory: listening, and no query sent for it. */
  async cached(key: string): Promise<Answer> {
    for (let i = 0; i < 200; i++) {
      const first = await this.check(key);
      const second = await this.check(key);
      if (first.listening && second.listening && second.queries === first.queries) return second;
      await sleep(25);
    }
    throw new Error("the key checker never answered from memory");
  }

  /** Milliseconds until a check answers as `done` says, polling; fails past a second. */
  async msUntil(key: string, done: (r: KeyCheck) => boolean, since: number): Promise<number> {
    while (performance.now() - since < 1000) {
      if (done((await this.check(key)).result)) {
        return performance.now() - since;
      }
    }
    throw new Error("the key checker never saw the change");
  }

  stop(): void {
    this.child.stdin.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: TestApp;
let other: KeyChecker;
let verifyApiKey: typeof import("@/lib/keys/verify-api-key").verifyApiKey;

beforeAll(async () => {
  app = await setupTestApp();
  ({ verifyApiKey } = await import("@/lib/keys/verify-api-key"));
  other = new KeyChecker();
});

afterAll(async () => {
  other?.stop();
  const { stopVerifiedKeyCache } = await import("@/lib/keys/verified-key-cache");
  await stopVerifiedKeyCache();
});

const sql = (text: string, values: unknown[] = []) => query(app.databaseUrl, text, values);

async function newKey(input: { models?: string[] } = {}) {
  const user = await seedUser(app.databaseUrl);
  const key = await seedKey({ userId: user.id, ...input });
  const [row] = await sql(`SELECT id FROM api_key WHERE user_id = $1`, [user.id]);
  return { userId: user.id, keyId: row!.id as string, key };
}

describe("a verified key", () => {
  it("is checked from memory in the other process, and refused there within 100 ms of its revocation here", async () => {
    const { key, keyId, userId } = await newKey();
    const cached = await other.cached(key);
    expect(cached.result).toMatchObject({ ok: true, keyId });

    const { revokeApiKey } = await import("@/lib/keys/revoke-api-key");
    await revokeApiKey({ userId, id: keyId });
    const revokedAt = performance.now();
    expect(await other.msUntil(key, (r) => !r.ok, revokedAt)).toBeLessThan(100);
    expect((await other.check(key)).result).toEqual({ ok: false, reason: "revoked" });
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: "revoked" });
  });

  it("stops working in the other process within 100 ms of its owner being disabled, and works again when enabled", async () => {
    const { key, userId } = await newKey();
    await other.cached(key);
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");

    await setUserDisabled({ userId, disabled: true });
    const disabledAt = performance.now();
    expect(await other.msUntil(key, (r) => !r.ok, disabledAt)).toBeLessThan(100);
    expect((await other.check(key)).result).toEqual({ ok: false, reason: "disabled" });

    await setUserDisabled({ userId, disabled: false });
    const enabledAt = performance.now();
    expect(await other.msUntil(key, (r) => r.ok, enabledAt)).toBeLessThan(100);
  });

  it("follows a change of its scopes, expiry or owner made by hand in SQL within 100 ms", async () => {
    const { key, keyId, userId } = await newKey({ models: ["llama3.2:3b"] });
    expect((await other.cached(key)).result).toMatchObject({ ok: true, allowedModels: ["llama3.2:3b"] });

    await sql(
      `UPDATE api_key SET allowed_models = '{qwen3:8b}', allowed_endpoints = '{embeddings}' WHERE id = $1`,
      [keyId],
    );
    let since = performance.now();
    const rescoped = (r: KeyCheck) => r.ok && r.allowedModels?.[0] === "qwen3:8b";
    expect(await other.msUntil(key, rescoped, since)).toBeLessThan(100);
    expect((await other.check(key)).result).toMatchObject({ allowedEndpoints: ["embeddings"] });

    await other.cached(key);
    await sql(
      `UPDATE "user" SET role = 'ADMIN', requests_per_minute = 7, tokens_per_day = 700 WHERE id = $1`,
      [userId],
    );
    since = performance.now();
    expect(await other.msUntil(key, (r) => r.ok && r.role === "ADMIN", since)).toBeLessThan(100);
    expect((await other.check(key)).result).toMatchObject({
      limits: { requestsPerMinute: 7, tokensPerDay: 700 },
    });

    await other.cached(key);
    await sql(`UPDATE "user" SET pending = true WHERE id = $1`, [userId]);
    since = performance.now();
    expect(await other.msUntil(key, (r) => !r.ok && r.reason === "pending", since)).toBeLessThan(100);
    await sql(`UPDATE "user" SET pending = false WHERE id = $1`, [userId]);

    await other.cached(key);
    await sql(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [keyId]);
    since = performance.now();
    expect(await other.msUntil(key, (r) => !r.ok && r.reason === "expired", since)).toBeLessThan(100);

    await sql(`UPDATE api_key SET expires_at = NULL WHERE id = $1`, [keyId]);
    await other.cached(key);
    await sql(`DELETE FROM "user" WHERE id = $1`, [userId]);
    since = performance.now();
    expect(await other.msUntil(key, (r) => !r.ok && r.reason === "invalid", since)).toBeLessThan(100);
  });

  it("expires at its expiry even while cached, by the clock alone", async () => {
    const user = await seedUser(app.databaseUrl);
    const { createApiKey } = await import("@/lib/keys/create-api-key");
    const { key } = await createApiKey({
      userId: user.id,
      name: "short",
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    await other.cached(key);
    await sleep(1600);
    const after = await other.check(key);
    expect(after.result).toEqual({ ok: false, reason: "expired" });
  });

  it("works at once when just created, even if the same secret was refused a moment before", async () => {
    const { generateApiKey } = await import("@/lib/keys/api-key-secret");
    const user = await seedUser(app.databaseUrl);
    const { key, hash, prefix } = generateApiKey();
    expect((await other.check(key)).result).toEqual({ ok: false, reason: "invalid" });
    expect((await other.check(key)).result).toEqual({ ok: false, reason: "invalid" });
    await sql(`INSERT INTO api_key (user_id, name, prefix, hash) VALUES ($1, 'new', $2, $3)`, [
      user.id,
      prefix,
      hash,
    ]);
    expect((await other.check(key)).result).toMatchObject({ ok: true, userId: user.id });
  });

  it("costs a query for every unknown secret, so guessing fills no memory", async () => {
    const { generateApiKey } = await import("@/lib/keys/api-key-secret");
    const { key } = generateApiKey();
    const first = await other.check(key);
    const second = await other.check(key);
    expect(second.result).toEqual({ ok: false, reason: "invalid" });
    expect(second.queries).toBe(first.queries + 1);
  });
});

describe("when the notification connection drops", () => {
  it("bypasses the cache until it is back, so a change made meanwhile is seen; then caches again", async () => {
    const a = await newKey();
    expect((await other.cached(a.key)).result).toMatchObject({ ok: true });

    // Kill every key-cache listener (this process's and the other's) and, in the same round trip,
    // revoke `a` with triggers off: a change whose notification never reaches anyone.
    const listeners = `SELECT pid FROM pg_stat_activity
       WHERE application_name = 'hearth-key-cache' AND datname = current_database()`;
    expect((await sql(listeners)).length).toBeGreaterThan(0);
    await sql(`BEGIN;
      SELECT pg_terminate_backend(pid) FROM (${listeners}) AS l;
      SET LOCAL session_replication_role = replica;
      UPDATE api_key SET revoked_at = now() WHERE id = '${a.keyId}';
      COMMIT`);

    const meanwhile = await other.check(a.key);
    expect(meanwhile.result).toEqual({ ok: false, reason: "revoked" });

    // The listener reconnects (with backoff) and the cache works again: hits cost no query,
    // and a revocation reaches the other process through it within 100 ms.
    const b = await newKey();
    const cached = await other.cached(b.key);
    expect(cached).toMatchObject({ listening: true, result: { ok: true } });
    await sql(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [b.keyId]);
    const since = performance.now();
    expect(await other.msUntil(b.key, (r) => !r.ok, since)).toBeLessThan(100);
  });
});

import { createHash } from "node:crypto";
import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let verifyApiKey: typeof import("@/lib/keys/verify-api-key").verifyApiKey;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  app = await setupTestApp();
  ({ verifyApiKey } = await import("@/lib/keys/verify-api-key"));
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!");
});

const create = (b: Browser, body: unknown) => b.post("/api/keys", body);
const list = async (b: Browser) => (await (await b.get("/api/keys")).json()).data;
const revoke = (b: Browser, id: string) => b.delete(`/api/keys/${id}`);

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

describe("API keys", () => {
  it("show the secret once, and store only its SHA-256 and a short prefix", async () => {
    const res = await create(alice, { name: "laptop" });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.key).toMatch(/^sk-hearth-[0-9A-Za-z]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(20);

    const [row] = await sql<Record<string, unknown>>(`SELECT * FROM api_key WHERE id = $1`, [created.id]);
    expect(row!.hash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listed = await list(alice);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: created.id,
      name: "laptop",
      prefix: created.prefix,
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(row!.hash as string);
  });

  it("are verified, then fail at once when revoked", async () => {
    const { key, id } = await (await create(alice, { name: "script" })).json();
    expect(await verifyApiKey(key)).toMatchObject({ ok: true, keyId: id, role: "ADMIN" });
    expect((await revoke(alice, id)).status).toBe(204);
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: "revoked" });
    expect((await list(alice)).map((k: { id: string }) => k.id)).not.toContain(id);
    // Revoking twice: it is gone.
    expect((await revoke(alice, id)).status).toBe(404);
  });

  it("expire at their expiry and refuse one in the past", async () => {
    const past = await create(alice, { name: "old", expiresAt: "2001-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect((await past.json()).error).toMatchObject({ param: "expiresAt" });

    const { key, id } = await (
      await create(alice, { name: "short-lived", expiresAt: new Date(Date.now() + 60_000).toISOString() })
    ).json();
    expect((await verifyApiKey(key)).ok).toBe(true);
    await sql(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: "expired" });
  });

  it("stop working when their owner is disabled", async () => {
    const { key } = await (await create(bob, { name: "bob's" })).json();
    expect(await verifyApiKey(key)).toMatchObject({ ok: true, role: "USER" });
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
    const id = (await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'bob@example.com'`))[0]!.id;
    await setUserDisabled({ userId: id, disabled: true });
    expect(await verifyApiKey(key)).toEqual({ ok: false, reason: "disabled" });
    await setUserDisabled({ userId: id, disabled: false });
    await bob.signIn("bob@example.com", "bob's long password!");
  });

  it("refuse unknown and malformed secrets", async () => {
    expect(await verifyApiKey("sk-hearth-" + "A".repeat(43))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyApiKey("Bearer nonsense")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyApiKey("")).toEqual({ ok: false, reason: "invalid" });
  });

  it("belong to their owner: another user's id gives 404 and changes nothing", async () => {
    const { key, id } = await (await create(alice, { name: "mine" })).json();
    expect((await revoke(bob, id)).status).toBe(404);
    expect((await revoke(bob, "not-a-uuid")).status).toBe(404);
    expect((await list(bob)).map((k: { id: string }) => k.id)).not.toContain(id);
    expect((await verifyApiKey(key)).ok).toBe(true);
  });

  it("need a session, a name, and a JSON body of sane size", async () => {
    const anon = new Browser();
    expect((await create(anon, { name: "x" })).status).toBe(401);
    const noName = await create(alice, { name: "   " });
    expect(noName.status).toBe(400);
    expect((await noName.json()).error).toMatchObject({
      param: "name",
      message: "name: give the key a name",
    });
    const broken = await alice.post("/api/keys", undefined, {
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toBe("The request body is not valid JSON.");
    const huge = await create(alice, { name: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
  });
});

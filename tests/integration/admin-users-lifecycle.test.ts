import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedConversation, seedKey } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * What an admin's changes do to the person on the other end: deleting takes
 * everything of theirs at once, disabling stops their session and keys on the
 * very next request, a reset link works once and signs every device out.
 */
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let app: TestApp;
let sim: OllamaSim;
let admin: Browser;
let n = 0;

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

async function signedUp(label: string): Promise<{ browser: Browser; id: string; email: string }> {
  const browser = new Browser(`198.51.100.${++n}`);
  const email = `${label}-${n}@example.com`;
  expect((await browser.signUp(email, PASSWORD)).status).toBe(200);
  return { browser, id: await browser.id(), email };
}

const withKey = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  ({ browser: admin } = await signedUp("owner"));
});

afterAll(() => sim?.close());

/** One of everything a user can own, made the way the app makes it. */
async function furnish(userId: string) {
  const { chatId } = await seedConversation(app.databaseUrl, {
    userId,
    title: "Plans",
    messages: [
      { role: "user", content: "Hello" },
      { role: "assistant", content: "Hi!" },
    ],
  });
  const { incomingDir, saveUpload } = await import("@/lib/files/save-upload");
  fs.mkdirSync(incomingDir(), { recursive: true });
  const tempPath = path.join(incomingDir(), `upload-${++n}`);
  fs.writeFileSync(tempPath, "# Notes\nsome notes");
  const file = await saveUpload({ userId, upload: { name: "notes.md", tempPath } });
  const { createShare } = await import("@/lib/shares/create-share");
  await createShare({ userId, chatId });
  const { createPrompt } = await import("@/lib/prompts/prompts");
  await createPrompt({ userId, name: "Tea", body: "Brew {{kind}}" });
  await seedKey({ userId });
  await sql(
    `INSERT INTO usage_event (user_id, source, endpoint, status, prompt_tokens, completion_tokens, duration_ms)
     VALUES ($1, 'chat', 'chat', 200, 10, 20, 5)`,
    [userId],
  );
  const [stored] = await sql<{ storage_name: string }>(`SELECT storage_name FROM file WHERE id = $1`, [
    file.id,
  ]);
  return { chatId, filePath: path.join(app.dataDir, "uploads", stored!.storage_name) };
}

const OWNED = [
  "chat",
  "file",
  "share",
  "prompt",
  "api_key",
  "usage_event",
  "session",
  "account",
  "password_reset",
];

/** How many rows of each kind the user has (messages through their chats). */
async function holdings(userId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of OWNED) {
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [
      userId,
    ]);
    out[table] = row!.n;
  }
  const [messages] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM message m JOIN chat c ON c.id = m.chat_id WHERE c.user_id = $1`,
    [userId],
  );
  out.message = messages!.n;
  return out;
}

describe("deleting a user", () => {
  it("takes their chats, messages, files (from disk too), shares, prompts, keys, usage and links", async () => {
    const zoe = await signedUp("zoe");
    const { filePath } = await furnish(zoe.id);
    await admin.post(`/api/admin/users/${zoe.id}/reset-link`);
    expect(fs.existsSync(filePath)).toBe(true);
    const before = await holdings(zoe.id);
    expect(Object.values(before).every((count) => count > 0)).toBe(true);

    const res = await admin.delete(`/api/admin/users/${zoe.id}`);
    expect(res.status).toBe(204);
    expect(Object.values(await holdings(zoe.id)).every((count) => count === 0)).toBe(true);
    expect(await sql(`SELECT 1 FROM "user" WHERE id = $1`, [zoe.id])).toEqual([]);
    expect(fs.existsSync(filePath)).toBe(false);
    expect((await zoe.browser.me()).status).toBe(401);
    const [audit] = await sql(`SELECT actor_email, target_label FROM audit_log WHERE action = 'user.delete'`);
    expect(audit).toMatchObject({ target_label: zoe.email });
    // Someone else's things are untouched.
    expect((await admin.me()).status).toBe(200);
  });

  it("is one transaction: when its last step fails, nothing is deleted and the files stay on disk", async () => {
    const yuri = await signedUp("yuri");
    const { filePath } = await furnish(yuri.id);
    const before = await holdings(yuri.id);
    // The user row is the last thing deleted; make PostgreSQL refuse it, for this user only.
    await sql(`CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF OLD.id = '${yuri.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN OLD; END $$`);
    await sql(
      `CREATE TRIGGER refuse_delete BEFORE DELETE ON "user" FOR EACH ROW EXECUTE FUNCTION refuse_delete()`,
    );
    try {
      const res = await admin.delete(`/api/admin/users/${yuri.id}`);
      expect(res.status).toBe(500);
      expect(await holdings(yuri.id)).toEqual(before);
      expect(fs.existsSync(filePath)).toBe(true);
    } finally {
      await sql(`DROP TRIGGER refuse_delete ON "user"`);
      await sql(`DROP FUNCTION refuse_delete()`);
    }
  });

  it("is refused for a user who does not exist (404) and for yourself (409)", async () => {
    expect((await admin.delete(`/api/admin/users/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const self = await admin.delete(`/api/admin/users/${await admin.id()}`);
    expect(self.status).toBe(409);
    expect((await self.json()).error.message).toMatch(/your own account/);
  });
});

describe("disabling a user", () => {
  it("refuses their session and their API key on the very next request, and enabling lets the key back", async () => {
    const walt = await signedUp("walt");
    const key = await seedKey({ userId: walt.id });
    expect((await walt.browser.get("/api/chats")).status).toBe(200);
    expect((await walt.browser.get("/v1/models", withKey(key))).status).toBe(200);

    expect((await admin.patch(`/api/admin/users/${walt.id}`, { disabled: true })).status).toBe(200);
    expect((await walt.browser.get("/api/chats")).status).toBe(401);
    const refused = await walt.browser.get("/v1/models", withKey(key));
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.message).toMatch(/disabled/);
    expect(await sql(`SELECT 1 FROM session WHERE user_id = $1`, [walt.id])).toEqual([]);
    expect((await new Browser("192.0.2.60").signIn(walt.email, PASSWORD)).status).toBe(403);

    expect((await admin.patch(`/api/admin/users/${walt.id}`, { disabled: false })).status).toBe(200);
    expect((await walt.browser.get("/v1/models", withKey(key))).status).toBe(200);
    expect((await new Browser("192.0.2.61").signIn(walt.email, PASSWORD)).status).toBe(200);
    const actions = await sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'user.%' ORDER BY id`,
      [walt.id],
    );
    expect(actions.map((a) => a.action)).toEqual(["user.disable", "user.enable"]);
  });

  it("records last activity from a key, at most once a minute", async () => {
    const vera = await signedUp("vera");
    const key = await seedKey({ userId: vera.id });
    await sql(`UPDATE "user" SET last_active_at = NULL WHERE id = $1`, [vera.id]);
    expect((await vera.browser.get("/v1/models", withKey(key))).status).toBe(200);
    await expect
      .poll(
        async () =>
          (await sql(`SELECT last_active_at FROM "user" WHERE id = $1`, [vera.id]))[0]!.last_active_at,
      )
      .not.toBeNull();
    const [first] = await sql<{ last_active_at: Date }>(`SELECT last_active_at FROM "user" WHERE id = $1`, [
      vera.id,
    ]);
    await vera.browser.get("/v1/models", withKey(key));
    await vera.browser.get("/api/chats");
    await new Promise((r) => setTimeout(r, 200));
    const [second] = await sql<{ last_active_at: Date }>(`SELECT last_active_at FROM "user" WHERE id = $1`, [
      vera.id,
    ]);
    expect(second!.last_active_at).toEqual(first!.last_active_at);
  });
});

describe("a password-reset link", () => {
  async function linkFor(
    userId: string,
  ): Promise<{ token: string; path: string; url: string; expiresAt: string }> {
    const res = await admin.post(`/api/admin/users/${userId}/reset-link`);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const link = await res.json();
    return { ...link, token: link.path.split("/").pop() };
  }
  const use = (token: string, password: string) =>
    new Browser("192.0.2.70").post("/api/password-reset", { token, password });

  it("sets a new password once, keeps only the token's hash, and signs every device out", async () => {
    const uma = await signedUp("uma");
    const laptop = new Browser("192.0.2.71");
    expect((await laptop.signIn(uma.email, PASSWORD)).status).toBe(200);
    const link = await linkFor(uma.id);
    expect(link.path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(link.url.endsWith(link.path)).toBe(true);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const rows = await sql<{ token_hash: string }>(
      `SELECT token_hash FROM password_reset WHERE user_id = $1`,
      [uma.id],
    );
    expect(rows).toEqual([{ token_hash: createHash("sha256").update(link.token).digest("hex") }]);
    const audit = await sql(
      `SELECT details FROM audit_log WHERE action = 'user.reset_link.create' AND target_id = $1`,
      [uma.id],
    );
    expect(JSON.stringify(audit)).not.toContain(link.token);

    const { checkResetLink } = await import("@/lib/users/reset-password");
    expect(await checkResetLink(link.token)).toBe("valid");
    expect((await use(link.token, "a brand new passphrase")).status).toBe(204);
    // Both devices are signed out; the old password is gone, the new one works.
    expect((await uma.browser.me()).status).toBe(401);
    expect((await laptop.me()).status).toBe(401);
    expect((await new Browser("192.0.2.72").signIn(uma.email, PASSWORD)).status).toBe(401);
    expect((await new Browser("192.0.2.73").signIn(uma.email, "a brand new passphrase")).status).toBe(200);

    expect(await checkResetLink(link.token)).toBe("used");
    const again = await use(link.token, "yet another passphrase");
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already been used/);
  });

  it("has expired after 24 hours, and a made-up one is not valid", async () => {
    const tom = await signedUp("tom");
    const link = await linkFor(tom.id);
    await sql(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      tom.id,
    ]);
    const { checkResetLink } = await import("@/lib/users/reset-password");
    expect(await checkResetLink(link.token)).toBe("expired");
    const expired = await use(link.token, "a brand new passphrase");
    expect(expired.status).toBe(409);
    expect((await expired.json()).error.message).toMatch(/expired/);
    expect((await tom.browser.me()).status).toBe(200);

    const madeUp = await use("A".repeat(43), "a brand new passphrase");
    expect(madeUp.status).toBe(404);
    expect(await checkResetLink("../../etc/passwd")).toBe("invalid");
    expect((await use(link.token, "short")).status).toBe(400);
  });

  it("replaces an unused link: only the newest one works", async () => {
    const sam = await signedUp("sam");
    const first = await linkFor(sam.id);
    const second = await linkFor(sam.id);
    expect((await use(first.token, "a brand new passphrase")).status).toBe(404);
    expect((await use(second.token, "a brand new passphrase")).status).toBe(204);
  });

  it("works once even when sent twice at the same moment", async () => {
    const rita = await signedUp("rita");
    const link = await linkFor(rita.id);
    const results = await Promise.all([
      use(link.token, "first racing passphrase"),
      use(link.token, "second racing passphrase"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
  });
});

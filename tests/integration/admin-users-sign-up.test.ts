import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedKey } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * Sign-up under the admin's policy: open, closed (only admins make accounts)
 * or approval (accounts wait, can neither chat nor use keys until approved),
 * with the default role; and the audit rows sign-in and sign-up leave.
 */
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let app: TestApp;
let sim: OllamaSim;
let admin: Browser;
let adminId: string;
let n = 0;

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

const fresh = () => new Browser(`198.51.100.${++n}`);
const emailFor = (label: string) => `${label}-${++n}@example.com`;
const withKey = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

async function setPolicy(patch: {
  signUpPolicy?: "open" | "closed" | "approval";
  defaultRole?: "USER" | "ADMIN";
}) {
  const { updateSettings } = await import("@/lib/settings/settings");
  await updateSettings(patch, adminId);
}

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  // Closed from the start, before anyone has an account (as SIGNUP_POLICY=closed would).
  await sql(`INSERT INTO app_setting (key, value) VALUES ('signUpPolicy', '"closed"')`);
});

afterAll(() => sim?.close());

describe("a closed server", () => {
  it("still lets the very first account in, as its administrator", async () => {
    admin = fresh();
    const email = emailFor("owner");
    expect((await admin.signUp(email, PASSWORD)).status).toBe(200);
    const me = await (await admin.me()).json();
    adminId = me.id;
    expect(await sql(`SELECT role, pending FROM "user" WHERE id = $1`, [adminId])).toEqual([
      { role: "ADMIN", pending: false },
    ]);
  });

  it("refuses every later sign-up with the same clear 403, new email or taken", async () => {
    const count = await sql(`SELECT count(*) FROM "user"`);
    const newcomer = await fresh().signUp(emailFor("newcomer"), PASSWORD);
    const taken = await fresh().signUp(
      (await sql<{ email: string }>(`SELECT email FROM "user"`))[0]!.email,
      PASSWORD,
    );
    expect(newcomer.status).toBe(403);
    const body = await newcomer.text();
    expect(JSON.parse(body)).toMatchObject({
      code: "SIGN_UP_CLOSED",
      message: expect.stringMatching(/closed/),
    });
    expect(taken.status).toBe(403);
    expect(await taken.text()).toBe(body);
    expect(newcomer.headers.getSetCookie()).toEqual([]);
    expect(await sql(`SELECT count(*) FROM "user"`)).toEqual(count);
  });

  it("lets an admin create the account instead", async () => {
    const res = await admin.post("/api/admin/users", {
      email: emailFor("invited"),
      name: "Invited",
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(await sql(`SELECT pending FROM "user" WHERE id = $1`, [(await res.json()).id])).toEqual([
      { pending: false },
    ]);
  });
});

describe("a server that approves new accounts", () => {
  it("blocks a pending account from chats and keys with a clear 403, until an admin approves it", async () => {
    await setPolicy({ signUpPolicy: "approval" });
    const pat = fresh();
    const email = emailFor("pat");
    expect((await pat.signUp(email, PASSWORD)).status).toBe(200);
    const [row] = await sql<{ id: string; pending: boolean }>(
      `SELECT id, pending FROM "user" WHERE email = $1`,
      [email],
    );
    expect(row!.pending).toBe(true);
    // Signed in (the waiting page needs the session), but the app's API is closed to them.
    expect(pat.cookies.size).toBeGreaterThan(0);
    const key = await seedKey({ userId: row!.id });
    for (const res of [
      await pat.get("/api/chats"),
      await pat.post("/api/chats", { model: "llama3.2:3b" }),
      await pat.post("/api/keys", { name: "mine" }),
    ]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/waiting for an administrator's approval/);
    }
    const v1 = await pat.get("/v1/models", withKey(key));
    expect(v1.status).toBe(403);
    expect((await v1.json()).error.message).toMatch(/waiting for an administrator's approval/);

    // The admin spots them: a count, and a filter.
    const list = await (await admin.get("/api/admin/users?filter=pending")).json();
    expect(list.pendingCount).toBe(1);
    expect(list.users.map((u: { email: string; status: string }) => [u.email, u.status])).toEqual([
      [email, "pending"],
    ]);

    expect((await admin.patch(`/api/admin/users/${row!.id}`, { pending: false })).status).toBe(200);
    expect((await pat.get("/api/chats")).status).toBe(200);
    expect((await pat.get("/v1/models", withKey(key))).status).toBe(200);
    expect(
      await sql(`SELECT actor_id FROM audit_log WHERE action = 'user.approve' AND target_id = $1`, [row!.id]),
    ).toEqual([{ actor_id: adminId }]);
  });
});

describe("the default role", () => {
  it("is given to new sign-ups", async () => {
    await setPolicy({ signUpPolicy: "open", defaultRole: "ADMIN" });
    const email = emailFor("made-admin");
    expect((await fresh().signUp(email, PASSWORD)).status).toBe(200);
    await setPolicy({ defaultRole: "USER" });
    const other = emailFor("made-user");
    expect((await fresh().signUp(other, PASSWORD)).status).toBe(200);
    const rows = await sql(
      `SELECT email, role, pending FROM "user" WHERE email IN ($1, $2) ORDER BY created_at`,
      [email, other],
    );
    expect(rows).toEqual([
      { email, role: "ADMIN", pending: false },
      { email: other, role: "USER", pending: false },
    ]);
  });

  it("cannot be chosen by the person signing up", async () => {
    const email = emailFor("sneaky");
    await fresh().post("/api/auth/sign-up/email", {
      email,
      password: PASSWORD,
      name: "S",
      role: "ADMIN",
      pending: false,
    });
    const rows = await sql(`SELECT role FROM "user" WHERE email = $1`, [email]);
    expect(rows.every((r) => r.role === "USER")).toBe(true);
  });
});

describe("the audit log", () => {
  it("records sign-up, and sign-in success and failure with the email tried, never the password", async () => {
    const email = emailFor("audited");
    const browser = fresh();
    await browser.signUp(email, PASSWORD);
    const id = await browser.id();
    expect((await fresh().signIn(email, "a wrong password, surely")).status).toBe(401);
    expect((await fresh().signIn(email, PASSWORD)).status).toBe(200);
    expect((await fresh().signIn("nobody@example.com", "a wrong password, surely")).status).toBe(401);

    const rows = await sql<{ action: string; actor_id: string | null; target_label: string; ip: string }>(
      `SELECT action, actor_id, target_label, ip FROM audit_log WHERE target_label IN ($1, 'nobody@example.com') ORDER BY id`,
      [email],
    );
    expect(rows.map((r) => [r.action, r.actor_id, r.target_label])).toEqual([
      ["auth.sign_up", id, email],
      ["auth.sign_in.failure", null, email],
      ["auth.sign_in.success", id, email],
      ["auth.sign_in.failure", null, "nobody@example.com"],
    ]);
    expect(rows.every((r) => /^198\.51\.100\.\d+$/.test(r.ip))).toBe(true);
    const all = JSON.stringify(await sql(`SELECT * FROM audit_log`));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("a wrong password");
  });

  it("records API keys made and revoked", async () => {
    const res = await admin.post("/api/keys", { name: "laptop" });
    const { id, prefix } = await res.json();
    await admin.delete(`/api/keys/${id}`);
    const rows = await sql(
      `SELECT action, actor_id, target_id, target_label FROM audit_log WHERE target_type = 'api_key' ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: "key.create", actor_id: adminId, target_id: id, target_label: `laptop (${prefix})` },
      { action: "key.revoke", actor_id: adminId, target_id: id, target_label: `laptop (${prefix})` },
    ]);
  });
});

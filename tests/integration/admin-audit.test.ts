/**
 * GET /api/admin/audit: newest first, filtered by actor (id or part of the
 * email), action (a prefix) and time, in pages that neither skip nor repeat
 * a row, forwards and back. Rows older than 90 days are pruned, in batches;
 * younger ones stay. A failing audit insert never fails the action it records.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: Browser;
let bob: Browser;
let adminId: string;

beforeAll(async () => {
  app = await setupTestApp();
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
  adminId = await admin.id();
  bob = new Browser("203.0.113.20");
  await bob.signUp("bob@example.com", "bob's own long password");
});

const DAY = 24 * 60 * 60 * 1000;
type Page = import("@/lib/shared/admin-audit").AuditPage;

/** Writes audit rows straight to the table, `ageMs` old each. */
async function seed(
  rows: {
    actorId?: string | null;
    actorEmail?: string | null;
    action: string;
    ageMs: number;
    label?: string;
  }[],
) {
  for (const r of rows) {
    await query(
      app.databaseUrl,
      `INSERT INTO audit_log (created_at, actor_id, actor_email, action, target_type, target_label, details)
       VALUES (now() - make_interval(secs => $1::double precision / 1000), $2, $3, $4, 'user', $5, $6)`,
      [
        r.ageMs,
        r.actorId ?? null,
        r.actorEmail ?? null,
        r.action,
        r.label ?? null,
        JSON.stringify({ n: r.label }),
      ],
    );
  }
}

async function list(params: Record<string, string | number> = {}): Promise<Page> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await admin.get(`/api/admin/audit?${qs}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe("listing", () => {
  beforeAll(async () => {
    await query(app.databaseUrl, "DELETE FROM audit_log");
    await seed([
      {
        actorId: adminId,
        actorEmail: "admin@example.com",
        action: "user.disable",
        ageMs: 5 * 60_000,
        label: "a",
      },
      {
        actorId: adminId,
        actorEmail: "admin@example.com",
        action: "user.role.change",
        ageMs: 4 * 60_000,
        label: "b",
      },
      {
        actorId: "other-admin",
        actorEmail: "Carol@Example.com",
        action: "setting.update",
        ageMs: 3 * 60_000,
        label: "c",
      },
      {
        actorId: null,
        actorEmail: "mallory@example.com",
        action: "auth.sign_in.failure",
        ageMs: 2 * 60_000,
        label: "d",
      },
      { actorId: adminId, actorEmail: "admin@example.com", action: "userx.odd", ageMs: 60_000, label: "e" },
      { actorId: adminId, actorEmail: "admin@example.com", action: "model.pull", ageMs: 3 * DAY, label: "f" },
    ]);
  });

  const labels = (page: Page) => page.entries.map((e) => e.target?.label);

  it("lists newest first with who, what, target and details", async () => {
    const page = await list();
    expect(labels(page)).toEqual(["e", "d", "c", "b", "a", "f"]);
    expect(page.entries[1]).toMatchObject({
      action: "auth.sign_in.failure",
      actor: { id: null, email: "mallory@example.com" },
      target: { type: "user", label: "d" },
      details: { n: "d" },
    });
    expect(page).toMatchObject({ older: null, newer: null });
  });

  it("filters by action prefix, actor id or email (any case), and time", async () => {
    expect(labels(await list({ action: "user." }))).toEqual(["b", "a"]);
    expect(labels(await list({ action: "setting.update" }))).toEqual(["c"]);
    // LIKE's wildcards are plain characters in a filter.
    expect(labels(await list({ action: "user_" }))).toEqual([]);
    expect(labels(await list({ actor: adminId }))).toEqual(["e", "b", "a", "f"]);
    expect(labels(await list({ actor: "carol@example" }))).toEqual(["c"]);
    expect(labels(await list({ actor: "%" }))).toEqual([]);
    const from = new Date(Date.now() - 4.5 * 60_000).toISOString();
    const to = new Date(Date.now() - 1.5 * 60_000).toISOString();
    expect(labels(await list({ from, to }))).toEqual(["d", "c", "b"]);
    expect(labels(await list({ to: new Date(Date.now() - DAY).toISOString() }))).toEqual(["f"]);
    expect(labels(await list({ actor: adminId, action: "user" }))).toEqual(["e", "b", "a"]);
  });

  it("pages older and newer without skipping or repeating a row", async () => {
    const first = await list({ limit: 2 });
    expect(labels(first)).toEqual(["e", "d"]);
    expect(first.newer).toBeNull();
    const second = await list({ limit: 2, cursor: first.older! });
    expect(labels(second)).toEqual(["c", "b"]);
    const third = await list({ limit: 2, cursor: second.older! });
    expect(labels(third)).toEqual(["a", "f"]);
    expect(third.older).toBeNull();
    const back = await list({ limit: 2, cursor: third.newer!, direction: "newer" });
    expect(labels(back)).toEqual(["c", "b"]);
    const front = await list({ limit: 2, cursor: back.newer!, direction: "newer" });
    expect(labels(front)).toEqual(["e", "d"]);
    expect(front.newer).toBeNull();
    expect(front.older).not.toBeNull();
    // Filters hold across pages.
    const users = await list({ limit: 1, action: "user." });
    expect(labels(users)).toEqual(["b"]);
    expect(labels(await list({ limit: 1, action: "user.", cursor: users.older! }))).toEqual(["a"]);
  });

  it("keeps rows that share a millisecond apart when paging", async () => {
    await query(app.databaseUrl, "DELETE FROM audit_log WHERE action = 'same.ms'");
    await query(
      app.databaseUrl,
      `INSERT INTO audit_log (created_at, action, target_label)
       SELECT timestamptz '2026-01-01 00:00:00.123' + make_interval(secs => i / 1000000.0), 'same.ms', i::text
       FROM generate_series(1, 5) AS i`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list({ action: "same.ms", limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...labels(page).map(String));
      cursor = page.older;
    } while (cursor);
    expect(seen).toEqual(["5", "4", "3", "2", "1"]);
  });

  it("refuses a made-up cursor or a bad date with 400", async () => {
    for (const qs of ["cursor=bm9wZQ", "from=yesterday", "limit=0", "direction=sideways"]) {
      const res = await admin.get(`/api/admin/audit?${qs}`);
      expect(res.status, qs).toBe(400);
    }
  });

  it("refuses a USER (403) and the signed-out (401)", async () => {
    expect((await bob.get("/api/admin/audit")).status).toBe(403);
    expect((await new Browser("203.0.113.40").get("/api/admin/audit")).status).toBe(401);
  });
});

describe("retention", () => {
  beforeEach(() => query(app.databaseUrl, "DELETE FROM audit_log"));

  it("prunes rows older than 90 days, in batches, and keeps the rest", async () => {
    await seed([
      ...Array.from({ length: 5 }, (_, i) => ({ action: "old.row", ageMs: (91 + i) * DAY })),
      { action: "young.row", ageMs: 89 * DAY },
      { action: "new.row", ageMs: 0 },
    ]);
    const { pruneAuditLog } = await import("@/lib/audit/prune-audit");
    expect(await pruneAuditLog({ batchSize: 2 })).toBe(5);
    const left = await query<{ action: string }>(app.databaseUrl, "SELECT action FROM audit_log ORDER BY id");
    expect(left.map((r) => r.action)).toEqual(["young.row", "new.row"]);
    expect(await pruneAuditLog()).toBe(0);
  });
});

describe("when the audit log cannot be written", () => {
  afterAll(() =>
    query(
      app.databaseUrl,
      "DROP TRIGGER IF EXISTS refuse_audit ON audit_log; DROP FUNCTION IF EXISTS refuse_audit()",
    ),
  );

  it("the action still succeeds; only its row is lost", async () => {
    await query(
      app.databaseUrl,
      `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'audit_log is not writable'; END $$;
       CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
    );
    await query(app.databaseUrl, "DELETE FROM audit_log");
    const res = await admin.patch("/api/admin/settings", { defaultSystemPrompt: "Still saved." });
    expect(res.status).toBe(200);
    const settings = (await (await admin.get("/api/admin/settings")).json()) as {
      settings: { defaultSystemPrompt: { value: string } };
    };
    expect(settings.settings.defaultSystemPrompt.value).toBe("Still saved.");
    expect(await query(app.databaseUrl, "SELECT 1 FROM audit_log")).toEqual([]);

    // Writable again: the next change is recorded.
    await query(app.databaseUrl, "DROP TRIGGER refuse_audit ON audit_log");
    expect((await admin.patch("/api/admin/settings", { defaultSystemPrompt: "Recorded." })).status).toBe(200);
    expect(
      await query(app.databaseUrl, "SELECT 1 FROM audit_log WHERE action = 'setting.update'"),
    ).toHaveLength(1);
  });
});

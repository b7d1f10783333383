import { beforeAll, describe, expect, it, vi } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * The admin console's user management: only an ADMIN reaches it, and the
 * last active admin can never be demoted, disabled or deleted, not even by
 * two admins racing to demote each other.
 */
// Every sign-up and sign-in hashes a password on purpose (slowly); a loaded machine needs the time.
vi.setConfig({ testTimeout: 120_000 });
const PASSWORD = "correct horse battery staple";
let app: TestApp;
let admin: Browser;
let adminId: string;
let n = 0;

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

/** A new account, signed in from an address of its own (the sign-up limit is per address). */
async function signedUp(label: string): Promise<{ browser: Browser; id: string; email: string }> {
  const browser = new Browser(`198.51.100.${++n}`);
  const email = `${label}-${n}@example.com`;
  expect((await browser.signUp(email, PASSWORD)).status).toBe(200);
  return { browser, id: await browser.id(), email };
}

const roleOf = async (id: string) =>
  (await sql<{ role: string }>(`SELECT role FROM "user" WHERE id = $1`, [id]))[0]?.role;

beforeAll(async () => {
  app = await setupTestApp();
  ({ browser: admin, id: adminId } = await signedUp("owner"));
  expect(await roleOf(adminId)).toBe("ADMIN");
});

describe("who may use /api/admin/users", () => {
  /** Each route with a request that would succeed for an admin. */
  const routes = (targetId: string) => [
    { method: "GET", url: "/api/admin/users" },
    { method: "GET", url: "/api/admin/users?q=owner&sort=email&dir=asc&page=1&pageSize=10" },
    {
      method: "POST",
      url: "/api/admin/users",
      json: { email: `made-${++n}@example.com`, name: "Made", role: "ADMIN", password: PASSWORD },
    },
    { method: "PATCH", url: `/api/admin/users/${targetId}`, json: { role: "USER" } },
    { method: "PATCH", url: `/api/admin/users/${targetId}`, json: { disabled: true } },
    { method: "PATCH", url: `/api/admin/users/${targetId}`, json: { requestsPerMinute: 1 } },
    { method: "POST", url: `/api/admin/users/${targetId}/reset-link` },
    { method: "DELETE", url: `/api/admin/users/${targetId}` },
  ];

  /** Everything these routes could change. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        ["user", "account", "session", "password_reset", "audit_log"].map((table) =>
          sql(`SELECT * FROM "${table}" t ORDER BY t::text`),
        ),
      ),
    );

  it("refuses a USER with 403 on every route and changes nothing", async () => {
    const mallory = await signedUp("mallory");
    // Last activity is written once a minute: the first request's write lands before the snapshot.
    await mallory.browser.me();
    await expect
      .poll(
        async () =>
          (await sql(`SELECT last_active_at FROM "user" WHERE id = $1`, [mallory.id]))[0]!.last_active_at,
      )
      .not.toBeNull();
    const before = await snapshot();
    for (const route of routes(adminId)) {
      const res = await mallory.browser.fetch(route.url, { method: route.method, json: route.json });
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
      expect((await res.json()).error.message).toMatch(/administrators/);
    }
    // A USER aiming at themselves (promotion) is refused the same way.
    expect((await mallory.browser.patch(`/api/admin/users/${mallory.id}`, { role: "ADMIN" })).status).toBe(
      403,
    );
    expect(await snapshot()).toBe(before);
    expect(await roleOf(adminId)).toBe("ADMIN");
  });

  it("refuses the signed-out with 401 on every route", async () => {
    const before = await snapshot();
    for (const route of routes(adminId)) {
      const res = await new Browser().fetch(route.url, { method: route.method, json: route.json });
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("creating a user", () => {
  it("makes an account that signs in with its temporary password, whatever the sign-up policy", async () => {
    const { updateSettings } = await import("@/lib/settings/settings");
    await updateSettings({ signUpPolicy: "closed" }, adminId);
    try {
      const res = await admin.post("/api/admin/users", {
        email: "New.Person@Example.com",
        name: "New Person",
        role: "USER",
        password: "a temporary passphrase",
      });
      expect(res.status).toBe(201);
      const created = await res.json();
      expect(created).toMatchObject({ email: "new.person@example.com", name: "New Person", role: "USER" });

      const person = new Browser("192.0.2.50");
      expect((await person.signIn("new.person@example.com", "a temporary passphrase")).status).toBe(200);
      expect(await (await person.me()).json()).toMatchObject({
        id: created.id,
        email: "new.person@example.com",
      });
      // The password is stored as Better Auth's hash, never as given.
      const [account] = await sql<{ password: string }>(`SELECT password FROM account WHERE user_id = $1`, [
        created.id,
      ]);
      expect(account!.password).not.toContain("temporary");
      const [audit] = await sql(`SELECT * FROM audit_log WHERE action = 'user.create' AND target_id = $1`, [
        created.id,
      ]);
      expect(audit).toMatchObject({ actor_id: adminId, target_label: "new.person@example.com" });
      expect(JSON.stringify(audit)).not.toContain("temporary passphrase");
    } finally {
      await updateSettings({ signUpPolicy: "open" }, adminId);
    }
  });

  it("refuses a taken email with 409 and bad input with a 400 naming the field", async () => {
    const taken = await admin.post("/api/admin/users", {
      email: "new.person@example.com",
      name: "Again",
      password: "another temporary passphrase",
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toMatch(/already exists/);

    const short = await admin.post("/api/admin/users", {
      email: "short@example.com",
      name: "S",
      password: "short",
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatchObject({ param: "password" });
    const noEmail = await admin.post("/api/admin/users", { email: "nope", name: "S", password: PASSWORD });
    expect((await noEmail.json()).error).toMatchObject({ param: "email" });
    expect(await sql(`SELECT 1 FROM "user" WHERE email IN ('short@example.com', 'nope')`)).toEqual([]);
  });
});

describe("changing a user", () => {
  it("promotes, demotes, sets and clears limits, and audits each change", async () => {
    const bob = await signedUp("bob");
    const promote = await admin.patch(`/api/admin/users/${bob.id}`, { role: "ADMIN" });
    expect(promote.status).toBe(200);
    expect(await roleOf(bob.id)).toBe("ADMIN");
    expect((await admin.patch(`/api/admin/users/${bob.id}`, { role: "USER" })).status).toBe(200);
    expect(await roleOf(bob.id)).toBe("USER");

    const limits = await admin.patch(`/api/admin/users/${bob.id}`, {
      requestsPerMinute: 30,
      tokensPerDay: 50_000,
    });
    expect(await limits.json()).toMatchObject({ requestsPerMinute: 30, tokensPerDay: 50_000 });
    const [row] = await sql(`SELECT requests_per_minute, tokens_per_day FROM "user" WHERE id = $1`, [bob.id]);
    expect(row).toEqual({ requests_per_minute: 30, tokens_per_day: 50_000 });
    await admin.patch(`/api/admin/users/${bob.id}`, { requestsPerMinute: null });
    expect((await sql(`SELECT requests_per_minute FROM "user" WHERE id = $1`, [bob.id]))[0]).toEqual({
      requests_per_minute: null,
    });

    const actions = await sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [bob.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      "auth.sign_up",
      "user.role.change",
      "user.role.change",
      "user.limits.change",
      "user.limits.change",
    ]);
  });

  it("refuses limits out of range, unknown fields and an empty change, naming the field", async () => {
    const bob = await signedUp("limits");
    for (const [body, param] of [
      [{ requestsPerMinute: 0 }, "requestsPerMinute"],
      [{ tokensPerDay: 1.5 }, "tokensPerDay"],
      [{ tokensPerDay: "lots" }, "tokensPerDay"],
      [{ pending: true }, "pending"],
      [{ role: "OWNER" }, "role"],
    ] as const) {
      const res = await admin.patch(`/api/admin/users/${bob.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.param).toBe(param);
    }
    expect((await admin.patch(`/api/admin/users/${bob.id}`, { email: "x@example.com" })).status).toBe(400);
    expect((await admin.patch(`/api/admin/users/${bob.id}`, {})).status).toBe(400);
    expect((await admin.patch(`/api/admin/users/no-such-user`, { role: "USER" })).status).toBe(404);
  });
});

describe("the last active admin", () => {
  it("cannot be demoted, disabled or deleted, by themselves or anyone", async () => {
    for (const res of [
      await admin.patch(`/api/admin/users/${adminId}`, { role: "USER" }),
      await admin.patch(`/api/admin/users/${adminId}`, { disabled: true }),
      await admin.delete(`/api/admin/users/${adminId}`),
    ]) {
      expect(res.status).toBe(409);
    }
    expect(await roleOf(adminId)).toBe("ADMIN");
    expect((await admin.me()).status).toBe(200);
  });

  it("counts only active admins: a disabled admin cannot stand in", async () => {
    const carol = await signedUp("carol");
    await admin.patch(`/api/admin/users/${carol.id}`, { role: "ADMIN" });
    expect((await admin.patch(`/api/admin/users/${carol.id}`, { disabled: true })).status).toBe(200);
    // Carol is an admin but disabled: the owner is the last active one.
    const res = await admin.patch(`/api/admin/users/${adminId}`, { role: "USER" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/last active administrator/);
    // Enabling carol again does not sign her back in, but makes her count.
    expect((await admin.patch(`/api/admin/users/${carol.id}`, { disabled: false })).status).toBe(200);
    expect((await admin.patch(`/api/admin/users/${carol.id}`, { role: "USER" })).status).toBe(200);
  });

  it("survives two admins demoting each other at the same moment: exactly one succeeds", async () => {
    const dave = await signedUp("dave");
    for (let round = 0; round < 5; round++) {
      await sql(`UPDATE "user" SET role = 'USER' WHERE role = 'ADMIN' AND id NOT IN ($1, $2)`, [
        adminId,
        dave.id,
      ]);
      await sql(`UPDATE "user" SET role = 'ADMIN', disabled = false WHERE id IN ($1, $2)`, [
        adminId,
        dave.id,
      ]);
      const [a, b] = await Promise.all([
        admin.patch(`/api/admin/users/${dave.id}`, { role: "USER" }),
        dave.browser.patch(`/api/admin/users/${adminId}`, { role: "USER" }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses[0], `round ${round}: ${statuses}`).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const admins = await sql(`SELECT id FROM "user" WHERE role = 'ADMIN' AND NOT disabled`);
      expect(admins).toHaveLength(1);
    }
  });

  it("survives two admins disabling each other at the same moment: exactly one succeeds", async () => {
    const erin = await signedUp("erin");
    const gina = await signedUp("gina");
    // Erin and Gina are the only active admins while they race (the owner steps aside and back).
    await sql(`UPDATE "user" SET role = CASE WHEN id IN ($1, $2) THEN 'ADMIN'::user_role ELSE 'USER' END`, [
      erin.id,
      gina.id,
    ]);
    try {
      const [a, b] = await Promise.all([
        erin.browser.patch(`/api/admin/users/${gina.id}`, { disabled: true }),
        gina.browser.patch(`/api/admin/users/${erin.id}`, { disabled: true }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      // The loser was refused by the lock (409), or was already signed out by the winner (401).
      expect([401, 403, 409]).toContain(statuses[1]);
      expect(await sql(`SELECT id FROM "user" WHERE role = 'ADMIN' AND NOT disabled`)).toHaveLength(1);
    } finally {
      await sql(`UPDATE "user" SET role = 'ADMIN' WHERE id = $1`, [adminId]);
    }
  });

  it("lets an admin step down while another stays", async () => {
    const frank = await signedUp("frank");
    await admin.patch(`/api/admin/users/${frank.id}`, { role: "ADMIN" });
    expect((await frank.browser.patch(`/api/admin/users/${frank.id}`, { role: "USER" })).status).toBe(200);
    expect(await roleOf(frank.id)).toBe("USER");
    // Nobody disables or deletes themselves, though.
    expect((await admin.patch(`/api/admin/users/${adminId}`, { disabled: true })).status).toBe(409);
    expect((await admin.delete(`/api/admin/users/${adminId}`)).status).toBe(409);
  });
});

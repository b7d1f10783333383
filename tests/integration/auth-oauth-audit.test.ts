/**
 * Signing in with GitHub is audited as a password sign-in is: an existing
 * account's sign-in as auth.sign_in.success, a callback that fails (GitHub's
 * refusal, a state that does not match, a disabled account, a bad code) as
 * auth.sign_in.failure, each with the provider and never a code or token.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startGithubSim, type GithubProfile, type GithubSim } from "../support/github-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let github: GithubSim;
let routing: { restore(): void };

interface AuditRow {
  action: string;
  actor_id: string | null;
  target_id: string | null;
  target_label: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

const audit = () =>
  query<AuditRow>(
    app.databaseUrl,
    `SELECT action, actor_id, target_id, target_label, ip, details FROM audit_log
     WHERE action LIKE 'auth.%' ORDER BY id`,
  );

let people = 0;
function person(): GithubProfile {
  people += 1;
  return {
    id: 1000 + people,
    login: `octo${people}`,
    name: `Octo ${people}`,
    email: `octo${people}@example.com`,
  };
}

/** Clicks "Continue with GitHub": Better Auth's state, bound to this browser, in GitHub's authorize URL. */
async function startGithubSignIn(browser: Browser): Promise<string> {
  const res = await browser.post("/sign-in/social", { provider: "github", callbackURL: "/" });
  expect(res.status).toBe(200);
  const { url } = (await res.json()) as { url: string };
  return new URL(url).searchParams.get("state")!;
}

/** GitHub sends the browser back with `params`; returns where Hearth then redirects it. */
async function callback(browser: Browser, params: Record<string, string>): Promise<string> {
  const res = await browser.get(`/api/auth/callback/github?${new URLSearchParams(params)}`);
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

async function signInWithGithub(browser: Browser, profile: GithubProfile): Promise<string> {
  const state = await startGithubSignIn(browser);
  return callback(browser, { code: github.code(profile), state });
}

beforeAll(async () => {
  app = await setupTestApp({ GITHUB_CLIENT_ID: "sim-client-id", GITHUB_CLIENT_SECRET: "sim-client-secret" });
  github = await startGithubSim();
  routing = github.route();
  // The first account is the admin; the accounts below are ordinary users.
  await new Browser().signUp("admin@example.com", "the admin's long password");
});

afterAll(async () => {
  routing?.restore();
  await github?.stop();
});

beforeEach(() => query(app.databaseUrl, `DELETE FROM audit_log`));

describe("GitHub sign-in in the audit log", () => {
  it("records a sign-up once, then each sign-in of the existing account, with the provider", async () => {
    const octo = person();
    const first = new Browser("198.51.100.7");
    expect(await signInWithGithub(first, octo)).not.toMatch(/error=/);
    const id = await first.id();
    const again = new Browser("198.51.100.8");
    expect(await signInWithGithub(again, octo)).not.toMatch(/error=/);
    expect(await again.id()).toBe(id);

    expect(
      (await audit()).map((r) => [r.action, r.actor_id, r.target_id, r.target_label, r.ip, r.details]),
    ).toEqual([
      [
        "auth.sign_up",
        id,
        id,
        octo.email,
        "198.51.100.7",
        { role: "USER", pending: false, provider: "github" },
      ],
      ["auth.sign_in.success", id, id, octo.email, "198.51.100.8", { provider: "github" }],
    ]);
  });

  it("records GitHub's refusal as a failure with its error code, not its description", async () => {
    const browser = new Browser("198.51.100.9");
    const state = await startGithubSignIn(browser);
    const location = await callback(browser, {
      error: "access_denied",
      error_description: "The user has denied your application access.",
      state,
    });
    expect(location).toMatch(/error=access_denied/);
    expect(await audit()).toEqual([
      {
        action: "auth.sign_in.failure",
        actor_id: null,
        target_id: null,
        target_label: null,
        ip: "198.51.100.9",
        details: { provider: "github", error: "access_denied" },
      },
    ]);
  });

  it("records a callback whose state is not this browser's as a failure", async () => {
    const state = await startGithubSignIn(new Browser());
    // Another browser brings the first one's state back (a login CSRF attempt): refused.
    const location = await callback(new Browser("198.51.100.10"), { code: github.code(person()), state });
    expect(location).toMatch(/error=/);
    const rows = await audit();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.sign_in.failure", actor_id: null, ip: "198.51.100.10" });
    expect(rows[0]!.details).toMatchObject({ provider: "github", error: expect.stringMatching(/state/) });
  });

  it("records a code GitHub does not accept as a failure", async () => {
    const browser = new Browser();
    const state = await startGithubSignIn(browser);
    expect(await callback(browser, { code: "a-code-github-never-issued", state })).toMatch(/error=/);
    const rows = await audit();
    expect(rows.map((r) => [r.action, r.details?.provider])).toEqual([["auth.sign_in.failure", "github"]]);
  });

  it("records a disabled account's attempt as a failure naming the account, and signs nobody in", async () => {
    const octo = person();
    const browser = new Browser();
    await signInWithGithub(browser, octo);
    const id = await browser.id();
    await query(app.databaseUrl, `UPDATE "user" SET disabled = true WHERE id = $1`, [id]);
    await query(app.databaseUrl, `DELETE FROM audit_log`);

    const later = new Browser("198.51.100.11");
    expect(await signInWithGithub(later, octo)).toMatch(/error=ACCOUNT_DISABLED/);
    expect((await later.me()).status).toBe(401);
    expect(await audit()).toEqual([
      {
        action: "auth.sign_in.failure",
        actor_id: null,
        target_id: id,
        target_label: octo.email,
        ip: "198.51.100.11",
        details: { provider: "github", error: "ACCOUNT_DISABLED" },
      },
    ]);
  });

  it("never stores the authorization code, the state or GitHub's token", async () => {
    const browser = new Browser();
    const state = await startGithubSignIn(browser);
    const code = github.code(person());
    await callback(browser, { code, state });
    await signInWithGithub(new Browser(), person());
    const all = JSON.stringify(await query(app.databaseUrl, `SELECT * FROM audit_log`));
    expect(all).toContain("auth.sign_");
    for (const secret of [code, state, "gho_sim_", "sim-client-secret"]) expect(all).not.toContain(secret);
  });
});

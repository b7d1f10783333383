/**
 * The `hearth` CLI as an operator runs it: the real command as a child
 * process, against a real PostgreSQL and DATA_DIR shared with this test's
 * in-process app (the same settings the server would read). Accounts it makes
 * sign in; a reset password signs the old sessions out; doctor names what is
 * wrong and how to fix it, and fails when something is.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { runHearth } from "../support/hearth-cli";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let sim: OllamaSim;
let app: TestApp;
const PASSWORD_LINE = /^Password \(shown only now\): (\S+)$/m;

const hearth = (args: string[], input?: string) =>
  runHearth(args, {
    env: { DATABASE_URL: app.databaseUrl, DATA_DIR: app.dataDir, OLLAMA_BASE_URL: sim.url },
    input,
  });

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
});

afterAll(() => sim?.close());

describe("hearth user:create", () => {
  it("makes an administrator with a generated password, printed once, that signs in", async () => {
    const run = await hearth(["user:create", "--email", "Ops@Example.com", "--name", "Ops", "--admin"]);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout.toString();
    expect(out).toMatch(/^Created administrator ops@example\.com \(/);
    const password = PASSWORD_LINE.exec(out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);

    const browser = new Browser();
    expect((await browser.signIn("ops@example.com", password)).status).toBe(200);
    expect(await (await browser.me()).json()).toMatchObject({ email: "ops@example.com", role: "ADMIN" });
    // Stored as Better Auth's hash, never as the password.
    const [row] = await query(
      app.databaseUrl,
      `SELECT password FROM account WHERE provider_id = 'credential'`,
    );
    expect(row!.password).not.toContain(password);
    // The admin console's audit log shows it, as done on the command line.
    const [audit] = await query(
      app.databaseUrl,
      `SELECT actor_id, target_label, details FROM audit_log WHERE action = 'user.create'`,
    );
    expect(audit).toMatchObject({
      actor_id: null,
      target_label: "ops@example.com",
      details: { via: "cli", role: "ADMIN" },
    });
  }, 120_000);

  it("takes a password from stdin, and refuses a taken email or a short password with the reason", async () => {
    const made = await hearth(
      ["user:create", "--email", "member@example.com", "--password-stdin"],
      "piped passphrase 1\n",
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.toString()).not.toMatch(PASSWORD_LINE);
    expect((await new Browser().signIn("member@example.com", "piped passphrase 1")).status).toBe(200);

    const taken = await hearth(["user:create", "--email", "member@example.com"]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const short = await hearth(
      ["user:create", "--email", "short@example.com", "--password-stdin"],
      "short\n",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/--password: at least \d+ characters/);
    expect(short.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);
});

describe("hearth user:promote and user:reset-password", () => {
  it("promotes a member to administrator", async () => {
    const run = await hearth(["user:promote", "member@example.com"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.toString()).toBe("member@example.com is now an administrator.\n");
    const [row] = await query(app.databaseUrl, `SELECT role FROM "user" WHERE email = 'member@example.com'`);
    expect(row!.role).toBe("ADMIN");
    const unknown = await hearth(["user:promote", "nobody@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no account with the email nobody@example\.com/);
  }, 120_000);

  it("sets a new password and signs the account out everywhere", async () => {
    const browser = new Browser();
    expect((await browser.signIn("member@example.com", "piped passphrase 1")).status).toBe(200);
    expect((await browser.me()).status).toBe(200);

    const run = await hearth(["user:reset-password", "member@example.com"]);
    expect(run.code, run.stderr).toBe(0);
    const password = PASSWORD_LINE.exec(run.stdout.toString())![1]!;

    expect((await browser.me()).status).toBe(401);
    expect((await new Browser().signIn("member@example.com", "piped passphrase 1")).status).toBe(401);
    expect((await new Browser().signIn("member@example.com", password)).status).toBe(200);
  }, 120_000);
});

describe("hearth migrate, doctor and mistakes", () => {
  it("migrate says the database is current", async () => {
    const run = await hearth(["migrate"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.toString()).toMatch(/up to date: \d+ migrations, the last \d{4}_\w+/);
  }, 120_000);

  it("doctor passes a healthy install, naming the runner it reached", async () => {
    await query(
      app.databaseUrl,
      `INSERT INTO runner (id, name, kind, base_url) VALUES ('default', 'Local Ollama', 'ollama', $1)
       ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url`,
      [sim.url],
    );
    const run = await hearth(["doctor"]);
    const out = run.stdout.toString();
    expect(run.code, out).toBe(0);
    expect(out).toMatch(/\[ok {2}\] .*secrets\.json is private/);
    expect(out).toMatch(/\[ok {2}\] The database answers: PostgreSQL \d+/);
    expect(out).toMatch(/\[ok {2}\] The schema is current/);
    expect(out).toMatch(/\[ok {2}\] Runner "Local Ollama" \(ollama, .*\) answers/);
    expect(out).toMatch(/GiB free in DATA_DIR/);
  }, 120_000);

  it("doctor fails on a readable secrets file and an unreachable runner, and says how to fix each", async () => {
    const secrets = path.join(app.dataDir, "secrets.json");
    fs.chmodSync(secrets, 0o644);
    await query(
      app.databaseUrl,
      `INSERT INTO runner (id, name, kind, base_url) VALUES ('gone', 'Gone runner', 'openai', 'http://127.0.0.1:9/v1')`,
    );
    const run = await hearth(["doctor"]);
    const out = run.stdout.toString();
    expect(run.code).toBe(1);
    expect(out).toMatch(
      /\[FAIL\] .*secrets\.json can be read by others \(mode 644\)[^\n]*\n\s+fix: chmod 600 /,
    );
    expect(out).toMatch(/\[FAIL\] Runner "Gone runner" .* cannot be reached[^\n]*\n\s+fix: /);
    expect(out).toMatch(/2 problems to fix/);
  }, 120_000);

  it("an unknown command or option is refused with the usage, exit code 1", async () => {
    const unknown = await hearth(["user:delete"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command "user:delete"[\s\S]*Usage: hearth/);
    const option = await hearth(["user:promote", "--bogus", "a@b.c"]);
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/Unknown option '--bogus'/);
  }, 120_000);
});

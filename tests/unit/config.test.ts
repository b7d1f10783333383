import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ENV_KEYS, loadConfig } from "@/lib/config/load";

import { tempDir as makeTempDir } from "../support/temp";

const tempDir = () => makeTempDir("config");

describe("loadConfig", () => {
  it("runs with no settings at all, on safe defaults", () => {
    const dir = tempDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.ollamaBaseUrl).toBe("http://localhost:11434");
    expect(c.appUrl).toBe("http://localhost:3000");
    expect(c.logLevel).toBe("info");
    expect(c.oauth).toEqual({});
    expect(c.encryptionKey).toHaveLength(32);
    expect(c.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("fixes an admin setting only when its variable is really set, and parses it", () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).fixed).toEqual({});
    const c = loadConfig({
      DATA_DIR: dir,
      SIGNUP_POLICY: "approval",
      TITLE_GENERATION: "off",
      RATE_LIMIT_REQUESTS: "7",
      DEFAULT_SYSTEM_PROMPT: "",
    });
    // An empty value counts as unset, like everywhere else.
    expect(c.fixed).toEqual({ signUpPolicy: "approval", titleGeneration: false, rateLimitRequests: 7 });
    expect(c.rateLimit.requests).toBe(7);
    expect(() => loadConfig({ DATA_DIR: dir, SIGNUP_POLICY: "everyone" })).toThrow(
      "Invalid configuration: SIGNUP_POLICY must be one of open, closed, approval",
    );
  });

  it("documents every variable it reads in README.md and .env.example", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const example = fs.readFileSync(".env.example", "utf8");
    expect(ENV_KEYS.filter((key) => !readme.includes(`\`${key}\``))).toEqual([]);
    expect(ENV_KEYS.filter((key) => !new RegExp(`^#? ?${key}=`, "m").test(example))).toEqual([]);
  });

  it("defaults DATA_DIR to ./data and APP_URL to the chosen port", () => {
    const cwd = process.cwd();
    const dir = tempDir();
    process.chdir(dir);
    try {
      const c = loadConfig({ PORT: "8080" });
      expect(c.dataDir).toBe(path.join(fs.realpathSync(dir), "data"));
      expect(c.appUrl).toBe("http://localhost:8080");
    } finally {
      process.chdir(cwd);
    }
  });

  it("generates secrets once, private to the owner, and reuses them on every later boot", () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    const file = path.join(dir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    // A different data dir is a different installation with its own secrets.
    expect(loadConfig({ DATA_DIR: tempDir() }).authSecret).not.toBe(first.authSecret);
  });

  it("lets environment variables win over the generated secrets", () => {
    const dir = tempDir();
    loadConfig({ DATA_DIR: dir });
    const secret = "s".repeat(40);
    const key = "ab".repeat(32);
    const c = loadConfig({ DATA_DIR: dir, AUTH_SECRET: secret, ENCRYPTION_KEY: key });
    expect(c.authSecret).toBe(secret);
    expect(c.encryptionKey.toString("hex")).toBe(key);
    const b64 = Buffer.alloc(32, 7).toString("base64");
    expect(loadConfig({ DATA_DIR: dir, ENCRYPTION_KEY: b64 }).encryptionKey.equals(Buffer.alloc(32, 7))).toBe(
      true,
    );
  });

  it("treats empty variables as unset", () => {
    const c = loadConfig({ DATA_DIR: tempDir(), PORT: "", DATABASE_URL: "", GITHUB_CLIENT_ID: "" });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
  });

  it("enables an OAuth provider only with both its id and secret", () => {
    const c = loadConfig({ DATA_DIR: tempDir(), GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret" });
    expect(c.oauth.github).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(c.oauth.google).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, "Invalid configuration: PORT must be a number"],
    [{ PORT: "70000" }, "Invalid configuration: PORT must be between 1 and 65535"],
    [
      { DATABASE_URL: "mysql://x@y/z" },
      "Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL",
    ],
    [
      { OLLAMA_BASE_URL: "localhost:11434" },
      "Invalid configuration: OLLAMA_BASE_URL must be an http:// or https:// URL",
    ],
    [{ APP_URL: "ftp://example.com" }, "Invalid configuration: APP_URL must be an http:// or https:// URL"],
    [{ AUTH_SECRET: "short" }, "Invalid configuration: AUTH_SECRET must be at least 32 characters"],
    [
      { ENCRYPTION_KEY: "abcd" },
      "Invalid configuration: ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64",
    ],
    [
      { LOG_LEVEL: "loud" },
      "Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    ],
    [
      { GOOGLE_CLIENT_ID: "id" },
      "Invalid configuration: GOOGLE_CLIENT_SECRET must be set when GOOGLE_CLIENT_ID is set",
    ],
  ])("rejects %o with one clear line", (env, message) => {
    const run = () => loadConfig({ DATA_DIR: tempDir(), ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
  });

  it("never echoes a rejected secret back", () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), AUTH_SECRET: "hunter2-secret" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });

  it("refuses a corrupt secrets file instead of silently replacing it", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "secrets.json"), "{not json");
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/secrets\.json is not valid JSON/);
  });
});

describe("npm start with a bad setting", () => {
  it("stops before doing anything, printing one line that names the variable", () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, ["--import", "tsx", "lib/server/main.ts"], {
      env: { ...process.env, DATA_DIR: dir, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("Invalid configuration: PORT must be a number");
    expect(fs.existsSync(path.join(dir, "postgres"))).toBe(false);
  });
});

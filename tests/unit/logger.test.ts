import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load";
import { createLogger } from "@/lib/log/logger";
import { secretScrubber } from "@/lib/log/scrub";
import { tempDir } from "../support/temp";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("logger", () => {
  const dataDir = tempDir("log");
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: "postgresql://hearth:db-password-123@db:5432/hearth",
    LOG_LEVEL: "info",
  });

  it("writes structured JSON with the fields it was given", () => {
    const { lines, stream } = capture();
    createLogger(config, stream).info({ requestId: "req-1" }, "hello");
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ msg: "hello", requestId: "req-1", app: "hearth", level: 30 });
  });

  it("never writes a password, cookie, token, API key or secret, wherever it sits", () => {
    const { lines, stream } = capture();
    const log = createLogger(config, stream);
    log.info({
      password: "pw-top-level-123",
      body: { email: "a@example.com", password: "pw-nested-456" },
      headers: { cookie: "better-auth.session_token=abc.def", authorization: "Bearer sk-hearth-xyz" },
      session: { token: "session-token-789" },
    });
    log.warn(`config dump ${config.authSecret} ${config.encryptionKey.toString("base64")}`);
    log.error({ err: new Error("could not connect with db-password-123") }, "database down");
    const out = lines.join("\n");
    for (const secret of [
      "pw-top-level-123",
      "pw-nested-456",
      "abc.def",
      "sk-hearth-xyz",
      "session-token-789",
      config.authSecret,
      config.encryptionKey.toString("base64"),
      "db-password-123",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("a@example.com");
    expect(out).toContain("[redacted]");
  });

  it("logs errors without their stack unless debugging", () => {
    const { lines, stream } = capture();
    createLogger(config, stream).error({ err: new Error("boom") }, "failed");
    const line = JSON.parse(lines[0]!);
    expect(line.err).toEqual({ type: "Error", message: "boom" });
  });
});

describe("secretScrubber", () => {
  it("replaces every occurrence, including JSON-escaped forms", () => {
    const scrub = secretScrubber(['se"cret-value', undefined, "short"]);
    expect(scrub(`a se"cret-value b ${JSON.stringify('se"cret-value')}`)).toBe(`a [redacted] b "[redacted]"`);
    // Too short to be a secret worth cutting out of ordinary text.
    expect(scrub("short words")).toBe("short words");
  });
});

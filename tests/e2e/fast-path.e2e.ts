/**
 * The production server (`npm start`, one process): /v1 and /api/v1 are
 * answered by the fast path and never reach Next.js (its answers carry
 * `x-hearth-path: fast`, which only the fast path sets, and none of the
 * headers Next.js adds to everything it serves), while the app's own pages
 * and APIs still go through Next.js.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";

const base = () => inject("baseUrl");

describe("the one-process server", () => {
  it("answers /v1 on the fast path, without Next.js's headers", async () => {
    for (const path of ["/v1/models", "/api/v1/models"]) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("x-hearth-path")).toBe("fast");
      // next.config.ts adds these to every response Next.js serves.
      expect(res.headers.get("x-content-type-options")).toBeNull();
      expect(res.headers.get("x-frame-options")).toBeNull();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
    }
  });

  it("answers an unknown /v1 path with OpenAI's 404, not the app's HTML page", async () => {
    const res = await fetch(`${base()}/v1/responses-that-do-not-exist`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({
      error: { code: "unknown_url", message: "Invalid URL (POST /v1/responses-that-do-not-exist)" },
    });
  });

  it("hands everything else to Next.js", async () => {
    const res = await fetch(`${base()}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-hearth-path")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("finishes its boot work (migrations, settings) before it opens the port", () => {
    const log = fs.readFileSync(inject("serverLog"), "utf8");
    const ready = log.indexOf("Hearth is ready");
    expect(ready).toBeGreaterThan(-1);
    expect(ready).toBeLessThan(log.indexOf("listening on port"));
  });

  it("is one Node process, with no TypeScript loader", () => {
    const port = new URL(base()).port;
    // The process listening on the port, and its command line.
    const pid = execFileSync("sh", ["-c", `ss -ltnpH 'sport = :${port}' | grep -o 'pid=[0-9]*' | head -1`])
      .toString()
      .trim()
      .replace("pid=", "");
    expect(pid).toMatch(/^\d+$/);
    const cmdline = execFileSync("cat", [`/proc/${pid}/cmdline`])
      .toString()
      .split("\0")
      .join(" ");
    expect(cmdline).toMatch(/node .*scripts\/start\.mjs/);
    expect(cmdline).not.toMatch(/tsx/);
    const children = execFileSync("sh", ["-c", `pgrep -P ${pid} || true`])
      .toString()
      .trim();
    expect(children).toBe("");
  });
});

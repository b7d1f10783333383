import { beforeAll, describe, expect, it } from "vitest";
import { setupTestApp } from "../support/test-app";

let route: typeof import("@/lib/http/route").route;
let AppError: typeof import("@/lib/errors").AppError;

beforeAll(async () => {
  await setupTestApp();
  ({ route } = await import("@/lib/http/route"));
  ({ AppError } = await import("@/lib/errors"));
});

const req = () => new Request("http://localhost:3000/api/anything");

describe("route()", () => {
  it("answers an unexpected error with a generic message and the request id, no stack or detail", async () => {
    const handler = route(async () => {
      throw new Error("connect ECONNREFUSED postgres://admin:hunter2@db/secret_table");
    });
    const res = await handler(req(), {});
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    const text = await res.text();
    expect(text).not.toMatch(/hunter2|ECONNREFUSED|secret_table|at .*\.ts/);
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal", message: expect.stringContaining(id!), requestId: id },
    });
  });

  it("maps each AppError kind to its status, with the person-readable message", async () => {
    for (const [kind, status] of [
      ["bad_request", 400],
      ["unauthorized", 401],
      ["forbidden", 403],
      ["not_found", 404],
      ["payload_too_large", 413],
      ["rate_limited", 429],
      ["unavailable", 503],
    ] as const) {
      const res = await route(async () => {
        throw new AppError(kind, "Readable message.", { headers: { "retry-after": "5" } });
      })(req(), {});
      expect(res.status).toBe(status);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ error: { code: kind, message: "Readable message." } });
    }
  });

  it("keeps a caller's well-formed request id and replaces a malformed one", async () => {
    const ok = route(async () => new Response("ok"));
    const given = await ok(new Request("http://x/", { headers: { "x-request-id": "abcdef123456" } }), {});
    expect(given.headers.get("x-request-id")).toBe("abcdef123456");
    const bad = await ok(new Request("http://x/", { headers: { "x-request-id": "<script>" } }), {});
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/**
 * The compiled server and Next's bundles each load their own copy of the
 * error classes, and share runner objects (on globalThis) that throw them: an
 * error from one copy must be recognised by the other, or a runner's 503 turns
 * into a generic 502 or 500.
 */
import { describe, expect, it, vi } from "vitest";

async function twoCopies() {
  const a = { ...(await import("@/lib/errors")), ...(await import("@/lib/runners/runner-error")) };
  vi.resetModules();
  const b = { ...(await import("@/lib/errors")), ...(await import("@/lib/runners/runner-error")) };
  return { a, b };
}

describe("errors across bundled copies", () => {
  it("are recognised by the other copy's classes, subclass by subclass", async () => {
    const { a, b } = await twoCopies();
    expect(a.AppError).not.toBe(b.AppError);
    const unreachable = new a.RunnerError("unavailable", "Ollama cannot be reached.");
    expect(unreachable instanceof b.RunnerError).toBe(true);
    expect(unreachable instanceof b.AppError).toBe(true);
    expect(b.isAppError(unreachable)).toBe(true);
    const plain = new a.AppError("bad_request", "no");
    expect(plain instanceof b.AppError).toBe(true);
    expect(plain instanceof b.RunnerError).toBe(false);
    expect(new Error("x") instanceof b.AppError).toBe(false);
    expect((null as unknown) instanceof b.AppError).toBe(false);
  });
});

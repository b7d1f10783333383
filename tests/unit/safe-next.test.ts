import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/utils/safe-next";

describe("safeNextPath", () => {
  it.each(["/", "/settings", "/c/123?tab=files#m5", "/search?q=%2F%2Fevil"])(
    "keeps the same-site path %s",
    (p) => {
      expect(safeNextPath(p)).toBe(p);
    },
  );

  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    null,
    undefined,
  ])("sends %j to / instead", (p) => {
    expect(safeNextPath(p)).toBe("/");
  });
});

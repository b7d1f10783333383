import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const WIDGET = fs.readFileSync(path.resolve(import.meta.dirname, "../../public/widget.js"), "utf8");

describe("/widget.js", () => {
  it("is under 10 KB gzipped, as a site owner's page can afford on every load", () => {
    expect(gzipSync(WIDGET, { level: 9 }).byteLength).toBeLessThan(10 * 1024);
  });

  it("depends on nothing: no imports, no other scripts, no frameworks", () => {
    expect(WIDGET).not.toMatch(/\bimport\s*[({"'\w]|\brequire\(|createElement\(["']script/);
  });

  it("parses as a classic script (pasted as <script async>, not a module)", () => {
    expect(() => new Function(WIDGET)).not.toThrow();
  });
});

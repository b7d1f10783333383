import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

/** A new directory inside this run's temp root, which global teardown removes. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(inject("tmpRoot"), `${label}-`));
}

import { describe, expect, it } from "vitest";
import { ndjsonBatches } from "@/lib/runners/ndjson";

async function* reads(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === "string" ? new TextEncoder().encode(p) : p;
}

async function all<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of gen) out.push(batch);
  return out;
}

describe("ndjsonBatches", () => {
  it("yields the lines of each read together, and holds a line split across reads until it ends", async () => {
    const batches = await all(
      ndjsonBatches<{ n: number }>(reads('{"n":1}\n{"n":2}\n{"n"', ":3}\n", '{"n":4}')),
    );
    expect(batches).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
  });

  it("keeps a character whose bytes arrive in two reads whole", async () => {
    const bytes = new TextEncoder().encode('{"t":"né ☕"}\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of ☕
    const batches = await all(
      ndjsonBatches<{ t: string }>(reads(bytes.subarray(0, cut), bytes.subarray(cut))),
    );
    expect(batches).toEqual([[{ t: "né ☕" }]]);
  });

  it("reports a line that is not JSON instead of skipping it", async () => {
    await expect(all(ndjsonBatches(reads('{"ok":true}\n', "<html>\n")))).rejects.toThrow(SyntaxError);
  });
});

/** The simulator's pulls: a registry failing mid-download, what it keeps, and what tests can see of each pull. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";

let sim: OllamaSim;
beforeAll(async () => (sim = await startOllamaSim()));
afterAll(() => sim.close());
beforeEach(() => sim.resetFaults());

async function pull(model: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${sim.url}/api/pull`, { method: "POST", body: JSON.stringify({ model }) });
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("a pull", () => {
  it("fails halfway through its first layer with the registry's error, and the next pull resumes", async () => {
    const message = "max retries exceeded: unexpected EOF";
    sim.setFaults({ pullDurationMs: 0, pullError: message });
    const failed = await pull("granite3.3:2b");
    expect(failed.at(-1)).toEqual({ error: message });
    const layer = failed.filter((l) => l.completed !== undefined).at(-1)!;
    expect(layer.completed).toBeLessThan(layer.total as number);
    expect(sim.pulls.at(-1)).toMatchObject({
      model: "granite3.3:2b",
      resumedFromBytes: 0,
      outcome: "failed",
    });
    const kept = sim.pulls.at(-1)!.downloadedBytes;
    expect(kept).toBe(layer.completed);

    sim.setFaults({ pullError: undefined });
    const resumed = await pull("granite3.3:2b");
    // The layer's first line says what is already on disk.
    expect(resumed[1]).toMatchObject({ digest: layer.digest, completed: kept });
    expect(resumed.at(-1)).toEqual({ status: "success" });
    expect(sim.pulls.at(-1)).toMatchObject({ resumedFromBytes: kept, outcome: "completed" });
  });

  it("records a pull the client hung up on as closed", async () => {
    sim.setFaults({ pullDurationMs: 5000 });
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/api/pull`, {
      method: "POST",
      body: JSON.stringify({ model: "gemma3:270m" }),
      signal: controller.signal,
    });
    await res.body!.getReader().read();
    controller.abort();
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.pulls.at(-1)).toMatchObject({ model: "gemma3:270m", outcome: "closed" });
  });
});

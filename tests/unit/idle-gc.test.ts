import v8 from "node:v8";
import { expect, it } from "vitest";
import { collectWhenIdle, IDLE_COLLECT_MS } from "@/lib/server/idle-gc";

/** The young generation's reserved size, in MB: what a burst of requests grows and idleness should give back. */
const youngMb = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_size / 1024 / 1024;

/** Allocates like a busy server for `ms`: many objects that live a little while. */
function burst(ms: number) {
  let live: unknown[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    live.push({ text: `token ${Math.random()}`, list: new Array(16).fill(0) });
    if (live.length > 40_000) live = live.slice(20_000);
  }
  return live.length;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** Socket-sized buffers from malloc, as many streams read, one in 16 still held afterwards. */
function socketBuffers(): { grownMb: number; held: Buffer[] } {
  const before = rssMb();
  const all = Array.from({ length: 2400 }, (_, i) => Buffer.allocUnsafeSlow(40 * 1024).fill(i & 255));
  return { grownMb: rssMb() - before, held: all.filter((_, i) => i % 16 === 0) };
}

it(
  "gives the memory of a burst back once the server has been quiet (the C heap's too), not while it is busy, and again when it grows while quiet",
  { timeout: 70_000 },
  async () => {
    let served = 0;
    let busy = true;
    // The server's own quiet time (IDLE_COLLECT_MS).
    const stop = collectWhenIdle({ served: () => served, busy: () => busy });
    try {
      served++;
      const rssBefore = rssMb();
      const buffers = socketBuffers();
      burst(1500);
      const grown = youngMb();
      expect(grown).toBeGreaterThan(4); // V8 grew it under the burst
      // Busy (a stream still open, no new request): nothing is collected.
      await sleep(800);
      expect(youngMb()).toBe(grown);
      busy = false;
      await sleep(IDLE_COLLECT_MS - 2000);
      expect(youngMb()).toBe(grown); // not yet quiet long enough
      await sleep(3 * (IDLE_COLLECT_MS / 2) + 3000);
      const shrunk = youngMb();
      expect(shrunk).toBeLessThan(grown / 2);
      // The buffers' memory, freed to malloc between the ones still held, went back to the system.
      expect(rssMb() - rssBefore).toBeLessThan(buffers.grownMb / 2);
      expect(buffers.held).toHaveLength(150);

      // Quiet still (no request), but work of its own (sweeps, timers) grows it again: given back too.
      burst(1500);
      const regrown = youngMb();
      expect(regrown).toBeGreaterThan(shrunk);
      await sleep(IDLE_COLLECT_MS + 3000);
      expect(youngMb()).toBeLessThan(regrown);
      expect(youngMb()).toBeLessThanOrEqual(shrunk);
    } finally {
      stop();
    }
  },
);

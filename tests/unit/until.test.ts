import v8 from "node:v8";
import vm from "node:vm";
import { expect, it } from "vitest";
import { until } from "@/lib/server/until";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const elapsed = async (wait: Promise<void>) => {
  const t0 = performance.now();
  await wait;
  return performance.now() - t0;
};

it("ends at its deadline even when a full garbage collection runs while it waits", async () => {
  const waiting = elapsed(until(() => false, 300, new AbortController().signal));
  await new Promise((r) => setTimeout(r, 50));
  gc();
  // Without a deadline of its own the drain waited for every answer to end (about 8 s in the e2e test).
  const ms = await Promise.race([waiting, new Promise<number>((r) => setTimeout(() => r(Infinity), 3000))]);
  expect(ms).toBeGreaterThanOrEqual(290);
  expect(ms).toBeLessThan(3000);
});

it("ends as soon as the condition holds", async () => {
  let ready = false;
  setTimeout(() => (ready = true), 100);
  const ms = await elapsed(until(() => ready, 10_000));
  expect(ms).toBeGreaterThanOrEqual(90);
  expect(ms).toBeLessThan(1000);
});

it("ends when cut short, and at once when already cut short", async () => {
  const hurry = new AbortController();
  setTimeout(() => hurry.abort(), 100);
  expect(await elapsed(until(() => false, 10_000, hurry.signal))).toBeLessThan(1000);
  expect(await elapsed(until(() => false, 10_000, hurry.signal))).toBeLessThan(50);
});

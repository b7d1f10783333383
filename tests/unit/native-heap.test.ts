import v8 from "node:v8";
import vm from "node:vm";
import { expect, it } from "vitest";
import { nativeHeapTrimmer } from "@/lib/server/native-heap";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

it("gives back the memory that freed socket-sized buffers leave resident between live ones", () => {
  const trim = nativeHeapTrimmer();
  expect(trim).not.toBeNull(); // glibc (Debian, the image) and koffi's prebuilt binary are here

  // Like a load of streams: 40 KB buffers from malloc, one in 16 still alive afterwards.
  const before = rssMb();
  let buffers: Buffer[] | null = Array.from({ length: 2400 }, (_, i) =>
    Buffer.allocUnsafeSlow(40 * 1024).fill(i & 255),
  );
  const grown = rssMb() - before;
  expect(grown).toBeGreaterThan(80);
  const alive = buffers.filter((_, i) => i % 16 === 0);
  buffers = null;
  gc();
  gc();
  // Freed, but glibc keeps the pages: the live buffers pin its heap.
  const afterGc = rssMb();
  expect(afterGc - before).toBeGreaterThan(grown / 2);

  trim!();
  const freed = afterGc - rssMb();
  expect(freed).toBeGreaterThan(grown * 0.6); // at least 60% of the load's growth goes back
  expect(alive).toHaveLength(150);
  expect(alive[1]![0]).toBe(16); // and what is alive is intact
});

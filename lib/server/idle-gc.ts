// No `import "server-only"`: run by the server entry (lib/server/main.ts), outside Next.
import v8 from "node:v8";
import vm from "node:vm";
import { nativeHeapTrimmer } from "./native-heap";

/**
 * Gives memory back once the server has gone quiet. Under load V8 grows its
 * young generation (up to 32 MB) and its old one, which is what makes a
 * gateway fast; idle, it keeps them for a minute or more before its own memory
 * reducer runs. Full collections after IDLE_COLLECT_MS without a request (and
 * none under way), repeated while they still find memory to give back, shrink
 * both, as a browser collects in idle time: a few of a few tens of milliseconds
 * each per quiet spell, never while anything is answered. Each collection also
 * hands the C library's freed memory back (lib/server/native-heap.ts): the
 * socket buffers a load leaves behind are most of what stays resident.
 */
/**
 * Quiet time before collecting. V8 shrinks its young generation in a
 * collection only when the last 5 s allocated little, so less would not work.
 */
export const IDLE_COLLECT_MS = 10_000;
/** At most this many collections per quiet spell (each a few tens of milliseconds), QUIET/2 apart. */
const MAX_COLLECTIONS = 8;

export function collectWhenIdle(options: {
  /** Requests answered so far: any change is activity. */
  served: () => number;
  /** Whether anything is under way (requests, replies being written). */
  busy: () => boolean;
  quietMs?: number;
}): () => void {
  const quietMs = options.quietMs ?? IDLE_COLLECT_MS;
  // `gc` exists only with --expose-gc; set here, it is taken from a fresh context.
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  let seen = options.served();
  let quietSince = performance.now();
  /** Collections still allowed in this quiet spell. */
  let pending = 0;
  let lastCollect = 0;
  const youngSize = () =>
    v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
  const smallYoung = youngSize();
  const used = () => v8.getHeapStatistics().used_heap_size;
  let usedBefore = Infinity;
  // Loaded at the first tick (not at boot, not in a collection: loading allocates, and a
  // collection that sees that allocation does not shrink the young generation).
  let trim: (() => void) | null | undefined;
  const collect = () => {
    // V8 shrinks the young generation only when the allocation it recorded at its last
    // collections was low but not zero (zero reads as unknown): a few kilobytes make a quiet
    // server's rate known, and a later collection finds the quiet spell recorded by the one before.
    const ballast = Array.from({ length: 256 }, (_, i) => ({ i }));
    gc();
    ballast.length = 0;
    // The collection freed the buffers' memory to malloc; this gives it to the system.
    trim?.();
    lastCollect = performance.now();
    // Done once the young generation is small again and a collection finds little more to free
    // (what a burst leaves, such as its connections' buffers, may take a while to let go).
    const now = used();
    pending = youngSize() <= smallYoung && now > usedBefore * 0.95 ? 0 : pending - 1;
    usedBefore = now;
  };
  const timer = setInterval(
    () => {
      if (trim === undefined) return void (trim = nativeHeapTrimmer());
      const served = options.served();
      const now = performance.now();
      if (served !== seen || options.busy()) {
        seen = served;
        quietSince = now;
        pending = MAX_COLLECTIONS;
        usedBefore = Infinity;
      } else if (pending === MAX_COLLECTIONS && now - quietSince >= quietMs) collect();
      else if (pending > 0 && pending < MAX_COLLECTIONS && now - lastCollect >= quietMs / 2) collect();
      else if (pending === 0 && now - lastCollect >= quietMs && youngSize() > smallYoung) {
        // Still quiet, but timers and sweeps grew the young generation again: shrink it once more.
        pending = 1;
        collect();
      }
    },
    Math.max(100, quietMs / 10),
  );
  timer.unref();
  return () => clearInterval(timer);
}

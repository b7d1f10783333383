// No `import "server-only"`: run by the server entry (lib/server/main.ts), outside Next.
import v8 from "node:v8";
import vm from "node:vm";

/**
 * Gives memory back once the server has gone quiet. Under load V8 grows its
 * young generation (up to 32 MB) and its old one, which is what makes a
 * gateway fast; idle, it keeps them for a minute or more before its own memory
 * reducer runs. One full collection after IDLE_COLLECT_MS without a request (and
 * none under way) shrinks both at once, as a browser collects in idle time: a
 * few tens of milliseconds, once per burst, never while anything is answered.
 */
/**
 * Quiet time before collecting. V8 shrinks its young generation in a
 * collection only when the last 5 s allocated little, so less would not work.
 */
export const IDLE_COLLECT_MS = 10_000;

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
  let dirty = false;
  const timer = setInterval(
    () => {
      const served = options.served();
      const now = performance.now();
      if (served !== seen || options.busy()) {
        seen = served;
        quietSince = now;
        dirty = true;
      } else if (dirty && now - quietSince >= quietMs) {
        dirty = false;
        // V8 shrinks the young generation when recent allocation is low but not zero
        // (zero reads as "unknown"): a few kilobytes make a quiet server's rate known.
        const ballast = Array.from({ length: 256 }, (_, i) => ({ i }));
        gc();
        ballast.length = 0;
      }
    },
    Math.max(100, quietMs / 10),
  );
  timer.unref();
  return () => clearInterval(timer);
}

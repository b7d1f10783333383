/**
 * Waits until `done()` holds (checked every 50 ms), `ms` have passed, or
 * `cutShort` aborts, whichever comes first.
 *
 * The deadline is a timer of its own, not `AbortSignal.any([AbortSignal.timeout(ms), …])`:
 * in Node 20 a timeout signal that only a combined signal refers to can be
 * garbage-collected, and its deadline then never comes (a drain under load
 * waited for the answers to end instead of its grace).
 */
export function until(done: () => boolean, ms: number, cutShort?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearInterval(poll);
      clearTimeout(deadline);
      cutShort?.removeEventListener("abort", finish);
      resolve();
    };
    const poll = setInterval(() => done() && finish(), 50);
    const deadline = setTimeout(finish, ms);
    cutShort?.addEventListener("abort", finish, { once: true });
    if (done() || cutShort?.aborted) finish();
  });
}

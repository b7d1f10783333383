const TICK = Symbol("tick");
const nextTick = () => new Promise<typeof TICK>((resolve) => setImmediate(resolve, TICK));

/**
 * Groups an async iterable's items into the batches that were ready together:
 * an SDK stream yields one chunk at a time, but every chunk parsed from one
 * network read is available without waiting for I/O, so they are collected
 * until the next item would need a turn of the event loop. This gives the
 * gateway one write per network read, as ndjsonBatches does for Ollama.
 */
export async function* batchReady<T>(source: AsyncIterable<T>): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const first = await pending;
      if (first.done) {
        finished = true;
        return;
      }
      const batch = [first.value];
      for (;;) {
        pending = iterator.next();
        let ready: IteratorResult<T> | typeof TICK;
        try {
          ready = await Promise.race([pending, nextTick()]);
        } catch (err) {
          // What arrived before the failure is still delivered, then the failure.
          yield batch;
          throw err;
        }
        if (ready === TICK) break;
        if (ready.done) {
          finished = true;
          yield batch;
          return;
        }
        batch.push(ready.value);
      }
      yield batch;
    }
  } finally {
    // A consumer that stops early ends the source too (it runs after the pending item settles).
    if (!finished) iterator.return?.().catch(() => {});
  }
}

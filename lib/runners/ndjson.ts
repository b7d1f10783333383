/**
 * Splits a byte stream into parsed JSON lines, yielding every line that
 * arrived in one read together: a fast upstream sends many tokens per read,
 * and handling them as a batch saves a round of async work per token. A line
 * that is not JSON is an upstream fault and is reported, never skipped.
 */
export async function* ndjsonBatches<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const end = buffer.lastIndexOf("\n");
      if (end === -1) continue;
      const complete = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const batch: T[] = [];
      for (const line of complete.split("\n")) {
        const trimmed = line.trim();
        if (trimmed) batch.push(JSON.parse(trimmed) as T);
      }
      if (batch.length) yield batch;
    }
    const rest = (buffer + decoder.decode()).trim();
    if (rest) yield [JSON.parse(rest) as T];
  } finally {
    reader.cancel().catch(() => {});
  }
}

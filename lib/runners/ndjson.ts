const NEWLINE = 0x0a;

/**
 * A network read split at its last newline: the complete lines (with the bytes
 * an earlier read left unfinished in front), decoded once, or null when the
 * read ended no line; and the bytes of the line still unfinished.
 */
export function completeLines(
  unfinished: Buffer | null,
  bytes: Buffer,
): { text: string | null; unfinished: Buffer | null } {
  const end = bytes.lastIndexOf(NEWLINE);
  if (end === -1) return { text: null, unfinished: unfinished ? Buffer.concat([unfinished, bytes]) : bytes };
  const text = unfinished
    ? Buffer.concat([unfinished, bytes.subarray(0, end)]).toString("utf8")
    : bytes.toString("utf8", 0, end);
  return { text, unfinished: end + 1 < bytes.length ? bytes.subarray(end + 1) : null };
}

/**
 * Splits a byte stream into parsed JSON lines, yielding every line that
 * arrived in one read together: a fast upstream sends many tokens per read,
 * and handling them as a batch saves a round of async work per token. Only the
 * complete lines of each read are decoded, once; an unfinished line's bytes
 * wait for the next read. A line that is not JSON is an upstream fault and is
 * reported, never skipped. Ending early (break, throw) closes the stream.
 */
export async function* ndjsonBatches<T>(body: AsyncIterable<Uint8Array>): AsyncGenerator<T[]> {
  let unfinished: Buffer | null = null;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const read = completeLines(unfinished, bytes);
    unfinished = read.unfinished;
    if (read.text === null) continue;
    const text = read.text;
    const batch: T[] = [];
    for (let from = 0; from <= text.length;) {
      let to = text.indexOf("\n", from);
      if (to === -1) to = text.length;
      const line = text.slice(from, to).trim();
      if (line) batch.push(JSON.parse(line) as T);
      from = to + 1;
    }
    if (batch.length) yield batch;
  }
  const rest = unfinished?.toString("utf8").trim();
  if (rest) yield [JSON.parse(rest) as T];
}

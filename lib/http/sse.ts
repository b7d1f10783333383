/**
 * Server-sent events: the framing and headers shared by the /v1 gateway's
 * streams and the chat page's reply stream.
 */
const encoder = new TextEncoder();

/**
 * One frame as text. Data is written on one `data:` line per line it holds,
 * so a newline in it cannot end the frame early.
 */
export function sseFrame(data: string, fields: { id?: string; event?: string } = {}): string {
  let frame = "";
  if (fields.id !== undefined) frame += `id: ${fields.id}\n`;
  if (fields.event !== undefined) frame += `event: ${fields.event}\n`;
  // JSON (nearly every frame) has no raw newline: one line, no split.
  const lines = data.includes("\n") || data.includes("\r") ? data.split(/\r\n|\r|\n/) : [data];
  for (const line of lines) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

/** One data frame, encoded: a string as it is, anything else as JSON. */
export function sseData(payload: unknown): Uint8Array {
  return encoder.encode(sseFrame(typeof payload === "string" ? payload : JSON.stringify(payload)));
}

/** A comment line: both OpenAI SDKs ignore it, proxies see traffic. */
export const SSE_KEEPALIVE = encoder.encode(": keepalive\n\n");
export const SSE_DONE_TEXT = sseFrame("[DONE]");
export const SSE_DONE = encoder.encode(SSE_DONE_TEXT);

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

const encoder = new TextEncoder();

/** One SSE data frame. */
export function sseData(payload: unknown): Uint8Array {
  return encoder.encode(`data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`);
}

/** A comment line: both OpenAI SDKs ignore it, proxies see traffic. */
export const SSE_KEEPALIVE = encoder.encode(": keepalive\n\n");
export const SSE_DONE = encoder.encode("data: [DONE]\n\n");

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

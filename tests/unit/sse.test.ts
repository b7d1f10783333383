import { describe, expect, it } from "vitest";
import { SSE_DONE, sseData, sseFrame } from "@/lib/http/sse";

describe("SSE framing", () => {
  it("writes id, event and data lines, ended by a blank line", () => {
    expect(sseFrame('{"a":1}', { id: "3,4", event: "delta" })).toBe(
      'id: 3,4\nevent: delta\ndata: {"a":1}\n\n',
    );
    expect(new TextDecoder().decode(sseData({ a: 1 }))).toBe('data: {"a":1}\n\n');
    expect(new TextDecoder().decode(SSE_DONE)).toBe("data: [DONE]\n\n");
  });

  it("keeps a newline in the data from ending the frame early", () => {
    expect(sseFrame("one\ntwo\r\nthree")).toBe("data: one\ndata: two\ndata: three\n\n");
  });
});

import { expect, it } from "vitest";
import type { ApiReply, StreamSink } from "@/lib/gateway/api-call";
import { toWebResponse } from "@/lib/gateway/web-transport";

const tick = () => new Promise((r) => setTimeout(r, 20));

/** A streamed reply that writes `total` numbered lines as fast as the sink lets it. */
function counting(total: number) {
  const state = { written: 0, finished: false, cancelled: false };
  const reply: ApiReply = {
    kind: "stream",
    status: 200,
    headers: { "content-type": "text/event-stream" },
    run: async (out: StreamSink) => {
      for (let i = 0; i < total && !state.cancelled; i++) {
        state.written++;
        if (!out.write(`line ${i}\n`)) await out.drained();
      }
      state.finished = true;
    },
    cancel: () => void (state.cancelled = true),
  };
  return { reply, state };
}

it("a streamed reply through a web Response is written no faster than it is read, and arrives whole", async () => {
  const { reply, state } = counting(1000);
  const res = toWebResponse(reply, 60_000);
  await tick();
  // Nobody reads yet: only a few writes are buffered, the rest waits.
  expect(state.written).toBeGreaterThan(0);
  expect(state.written).toBeLessThan(20);
  expect(state.finished).toBe(false);

  const text = await res.text();
  expect(state.finished).toBe(true);
  const lines = text.trimEnd().split("\n");
  expect(lines).toHaveLength(1000);
  expect(lines[999]).toBe("line 999");
});

it("a reader that goes away releases the waiting writer and cancels the reply", async () => {
  const { reply, state } = counting(1000);
  const res = toWebResponse(reply, 60_000);
  const reader = res.body!.getReader();
  await reader.read();
  await tick();
  expect(state.finished).toBe(false);
  await reader.cancel();
  await tick();
  expect(state.cancelled).toBe(true);
  expect(state.finished).toBe(true); // not left waiting forever
  expect(state.written).toBeLessThan(40);
});

it("a reader that asks for nothing for the stall limit is cut, and the reply is cancelled", async () => {
  const { reply, state } = counting(1000);
  const res = toWebResponse(reply, 200);
  await tick();
  expect(state.cancelled).toBe(false);
  await new Promise((r) => setTimeout(r, 400));
  expect(state.cancelled).toBe(true);
  expect(state.finished).toBe(true);
  await expect(res.text()).rejects.toThrow(/stopped reading/);
});

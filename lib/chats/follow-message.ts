import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { sseFrame } from "@/lib/http/sse";
import { isDraining } from "@/lib/server/draining";
import { generations, type Offset } from "./generation/live-generations";
import { getOwnedMessage } from "./get-owned-chat";

const encoder = new TextEncoder();
/** How often a follower reads the row when the generation runs in another process. */
const POLL_MS = 300;

/** Parses `Last-Event-ID` ("reasoning,content" offsets); a bad one means from the start. */
export function parseOffset(value: string | null): Offset {
  const match = /^(\d{1,9}),(\d{1,9})$/.exec(value ?? "");
  return match ? { reasoning: Number(match[1]), content: Number(match[2]) } : { reasoning: 0, content: 0 };
}

/**
 * An SSE stream of one reply from `from` on: everything generated so far,
 * then the rest live, then a `done` event with the final status. Each delta's
 * id is the offset after it, so a follower that reconnects with
 * Last-Event-ID misses nothing and sees nothing twice. Closing the stream
 * only stops following; the generation goes on.
 */
export async function followMessage(input: {
  userId: string;
  chatId: string;
  messageId: string;
  from: Offset;
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const row = await getOwnedMessage(input);
  return followMessageRow({ row, from: input.from, signal: input.signal });
}

type MessageRow = typeof schema.message.$inferSelect;

/** The same stream for a message whose caller was already checked (an embed's visitor, say). */
export function followMessageRow(input: {
  row: MessageRow;
  from: Offset;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const { row } = input;
  const messageId = row.id;
  const at: Offset = {
    reasoning: Math.min(input.from.reasoning, Number.MAX_SAFE_INTEGER),
    content: Math.min(input.from.content, Number.MAX_SAFE_INTEGER),
  };
  const stopped = new AbortController();
  const signal = AbortSignal.any([input.signal, stopped.signal]);

  async function* frames(): AsyncGenerator<string> {
    let snapshot = {
      content: row.content,
      reasoning: row.reasoning,
      status: row.status as string,
      error: row.error,
    };
    for (;;) {
      const gen = generations.get(messageId);
      if (gen)
        snapshot = { content: gen.content, reasoning: gen.reasoning, status: gen.status, error: gen.error };
      const delta: { content?: string; reasoning?: string } = {};
      if (snapshot.reasoning.length > at.reasoning) delta.reasoning = snapshot.reasoning.slice(at.reasoning);
      if (snapshot.content.length > at.content) delta.content = snapshot.content.slice(at.content);
      if (delta.content !== undefined || delta.reasoning !== undefined) {
        at.reasoning = Math.max(at.reasoning, snapshot.reasoning.length);
        at.content = Math.max(at.content, snapshot.content.length);
        yield sseFrame(JSON.stringify(delta), { id: `${at.reasoning},${at.content}`, event: "delta" });
      }
      if (snapshot.status !== "streaming") {
        // Cut by this process shutting down: end without `done`, so the browser reconnects and
        // finds the reply going on in the next process (or another replica).
        if (snapshot.status === "interrupted" && isDraining()) return;
        yield sseFrame(JSON.stringify({ status: snapshot.status, error: snapshot.error }), { event: "done" });
        return;
      }
      if (signal.aborted) return;
      if (gen) await gen.changed(signal);
      else {
        // Generated elsewhere (another process) or just finished: read the row.
        await new Promise((r) => setTimeout(r, POLL_MS));
        const [fresh] = await db()
          .select({
            content: schema.message.content,
            reasoning: schema.message.reasoning,
            status: schema.message.status,
            error: schema.message.error,
          })
          .from(schema.message)
          .where(eq(schema.message.id, messageId));
        if (!fresh) return;
        snapshot = fresh;
      }
    }
  }

  const it = frames();
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      const next = await it.next();
      if (next.done) out.close();
      else out.enqueue(encoder.encode(next.value));
    },
    cancel() {
      stopped.abort();
      void it.return(undefined);
    },
  });
}

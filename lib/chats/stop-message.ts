import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { generations } from "./generation/live-generations";
import { getOwnedMessage } from "./get-owned-chat";

/**
 * Stops a reply: at once when it is generated here, else through the row's
 * stop flag, which the owning process reads at its next flush (≤ 0.5 s).
 */
export async function stopMessage(input: {
  userId: string;
  chatId: string;
  messageId: string;
}): Promise<void> {
  await getOwnedMessage(input);
  await stopGeneration(input.messageId);
}

/** Stops a reply whose caller was already checked. */
export async function stopGeneration(messageId: string): Promise<void> {
  const gen = generations.get(messageId);
  if (gen) {
    gen.controller.abort("stopped");
    return;
  }
  const m = schema.message;
  await db()
    .update(m)
    .set({ stopRequested: true })
    .where(and(eq(m.id, messageId), eq(m.status, "streaming")));
}

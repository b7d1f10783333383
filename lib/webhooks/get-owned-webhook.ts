import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema, type Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The endpoint if `userId` owns it; 404 otherwise (someone else's looks the same as none). */
export async function getOwnedWebhook(input: { userId: string; id: string; tx?: Transaction }) {
  const w = schema.webhookEndpoint;
  const row = UUID.test(input.id)
    ? (
        await (input.tx ?? db())
          .select()
          .from(w)
          .where(and(eq(w.id, input.id), eq(w.userId, input.userId)))
      )[0]
    : undefined;
  if (!row) throw new AppError("not_found", "There is no such webhook.");
  return row;
}

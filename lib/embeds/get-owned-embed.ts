import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EmbedRow } from "./embed-view";

/** The embed if it exists and belongs to the user; 404 otherwise, whoever's it is. */
export async function getOwnedEmbed(input: { userId: string; embedId: string }): Promise<EmbedRow> {
  const notFound = new AppError("not_found", "No such embed.");
  if (!z.uuid().safeParse(input.embedId).success) throw notFound;
  const e = schema.embed;
  const [row] = await db()
    .select()
    .from(e)
    .where(and(eq(e.id, input.embedId), eq(e.userId, input.userId)));
  if (!row) throw notFound;
  return row;
}

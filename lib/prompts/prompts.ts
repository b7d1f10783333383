import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Prompt } from "@/lib/client/api-types";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { promptVariables } from "./prompt-variables";
import { storableText } from "@/lib/validation/storable-text";

export const promptInput = z.object({
  name: storableText().trim().min(1, "give the prompt a name").max(80, "at most 80 characters"),
  body: storableText().trim().min(1, "write the prompt").max(20_000, "at most 20,000 characters"),
});

type Row = typeof schema.prompt.$inferSelect;
const view = (r: Row): Prompt => ({
  id: r.id,
  name: r.name,
  body: r.body,
  variables: promptVariables(r.body),
  updatedAt: r.updatedAt.toISOString(),
});
const notFound = () => new AppError("not_found", "No such prompt.");
const p = schema.prompt;

export async function listPrompts(input: { userId: string }) {
  const rows = await db().select().from(p).where(eq(p.userId, input.userId)).orderBy(asc(p.name));
  return rows.map(view);
}

export async function createPrompt(input: { userId: string } & z.infer<typeof promptInput>) {
  const [row] = await db().insert(p).values(input).returning();
  return view(row!);
}

export async function updatePrompt(input: { userId: string; id: string } & z.infer<typeof promptInput>) {
  if (!z.uuid().safeParse(input.id).success) throw notFound();
  const [row] = await db()
    .update(p)
    .set({ name: input.name, body: input.body, updatedAt: new Date() })
    .where(and(eq(p.id, input.id), eq(p.userId, input.userId)))
    .returning();
  if (!row) throw notFound();
  return view(row);
}

export async function deletePrompt(input: { userId: string; id: string }) {
  if (!z.uuid().safeParse(input.id).success) throw notFound();
  const done = await db()
    .delete(p)
    .where(and(eq(p.id, input.id), eq(p.userId, input.userId)))
    .returning({ id: p.id });
  if (done.length === 0) throw notFound();
}

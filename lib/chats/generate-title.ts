import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import type { Runner } from "@/lib/runners/types";

export const DEFAULT_TITLE = "New chat";
const TITLE_TIMEOUT_MS = 30_000;

/**
 * After the first exchange, asks the same model for a short title and sets
 * it, unless the user has renamed the chat meanwhile. Failure leaves the
 * default title: a title is never worth an error.
 */
export async function generateTitle(input: {
  chatId: string;
  runner: Runner;
  model: string;
  question: string;
  answer: string;
}): Promise<void> {
  let text = "";
  try {
    const signal = AbortSignal.timeout(TITLE_TIMEOUT_MS);
    const request = {
      model: input.model,
      maxTokens: 24,
      temperature: 0.2,
      messages: [
        {
          role: "system" as const,
          content:
            "Write a title of at most six words for this conversation. Reply with the title only, no quotes.",
        },
        {
          role: "user" as const,
          content: `User: ${input.question.slice(0, 2000)}\n\nAssistant: ${input.answer.slice(0, 2000)}`,
        },
      ],
    };
    for await (const batch of input.runner.chat(request, signal)) {
      for (const e of batch) if (e.type === "content") text += e.text;
    }
  } catch (err) {
    logger().debug({ err, chatId: input.chatId }, "no title generated");
    return;
  }
  const title = cleanTitle(text);
  if (!title) return;
  await db()
    .update(schema.chat)
    .set({ title })
    .where(and(eq(schema.chat.id, input.chatId), eq(schema.chat.title, DEFAULT_TITLE)))
    .catch((err: unknown) => logger().warn({ err, chatId: input.chatId }, "could not save a chat title"));
}

/** First line, no quotes or trailing punctuation, at most 60 characters on a word boundary. */
export function cleanTitle(text: string): string {
  let t = (text.trim().split("\n")[0] ?? "")
    .replace(/^(title:\s*)/i, "")
    .replace(/^["'*#\s]+|["'*.\s]+$/g, "");
  if (t.length > 60) t = `${t.slice(0, 60).replace(/\s+\S*$/, "")}…`;
  return t;
}

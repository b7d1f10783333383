import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { resolveModel } from "@/lib/runners/registry";
import type { Runner } from "@/lib/runners/types";

export const DEFAULT_TITLE = "New chat";
const TITLE_TIMEOUT_MS = 30_000;

/**
 * After the first exchange, asks the admin's title model (the setting
 * `titleModel`), or the chat's own model, for a short title and sets it,
 * unless the user has renamed the chat meanwhile. A title model that fails
 * (uninstalled since, say) hands over to the chat's model, as Open WebUI's
 * task model does. Failure leaves the default title: a title is never worth an error.
 */
export async function generateTitle(input: {
  chatId: string;
  runner: Runner;
  model: string;
  /** The model the admin chose for titles; "" for the chat's own. */
  titleModel?: string;
  question: string;
  answer: string;
}): Promise<void> {
  let text = "";
  if (input.titleModel && input.titleModel !== input.model) {
    const chosen = await Promise.resolve()
      .then(() => resolveModel(input.titleModel!))
      .catch(() => null);
    if (chosen) text = await askForTitle({ ...input, ...chosen });
  }
  if (!text) text = await askForTitle(input);
  const title = cleanTitle(text);
  if (!title) return;
  await db()
    .update(schema.chat)
    .set({ title })
    .where(and(eq(schema.chat.id, input.chatId), eq(schema.chat.title, DEFAULT_TITLE)))
    .catch((err: unknown) => logger().warn({ err, chatId: input.chatId }, "could not save a chat title"));
}

/** The model's answer to "a title for this", or "" when it fails. */
async function askForTitle(input: {
  chatId: string;
  runner: Runner;
  model: string;
  question: string;
  answer: string;
}): Promise<string> {
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
    logger().debug({ err, chatId: input.chatId, model: input.model }, "no title generated");
    return "";
  }
  return text;
}

/** First line, no quotes or trailing punctuation, at most 60 characters on a word boundary. */
export function cleanTitle(text: string): string {
  let t = (text.trim().split("\n")[0] ?? "")
    .replace(/^(title:\s*)/i, "")
    .replace(/^["'*#\s]+|["'*.\s]+$/g, "");
  if (t.length > 60) t = `${t.slice(0, 60).replace(/\s+\S*$/, "")}…`;
  return t;
}

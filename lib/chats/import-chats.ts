import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hasNoNul } from "@/lib/validation/storable-text";
import { EXPORT_FORMAT } from "./export-chats";

const MAX_CHATS = 5000;
/** Across the whole file: what one import may add. */
const MAX_MESSAGES = 200_000;
/** What a person could send in one message (see send-message.ts). */
const MAX_CONTENT_CHARS = 500_000;
const MAX_ID_CHARS = 200;
/** Times before 1970 or after 2100 are not a chat's; they are a broken or hostile file. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** Text PostgreSQL can store: a NUL character is refused by the database, so by us first. */
const text = (max: number) =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, max);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const isoTime = z.iso
  .datetime({ offset: true })
  .refine((s) => inRange(Date.parse(s)), "is not a time between 1970 and 2100");
/** ChatGPT's times are seconds since 1970, with a fraction. */
const unixSeconds = z
  .number()
  .refine((t) => inRange(t * 1000), "is not a time between 1970 and 2100 (in seconds since 1970)");

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}

const hearthExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1, { error: "is not a version this Hearth can read" }),
  chats: z
    .array(
      z.object({
        id: text(MAX_ID_CHARS),
        title: text(200).catch("Imported chat"),
        model: text(200).nullish(),
        systemPrompt: text(20_000).nullish(),
        temperature: z.number().min(0).max(2).nullish().catch(null),
        pinned: z.boolean().catch(false),
        currentLeafId: text(MAX_ID_CHARS).nullish(),
        createdAt: isoTime.catch(() => new Date().toISOString()),
        messages: z
          .array(
            z.object({
              id: text(MAX_ID_CHARS),
              parentId: text(MAX_ID_CHARS).nullish(),
              role: z.enum(["system", "user", "assistant"]),
              content: text(MAX_CONTENT_CHARS),
              reasoning: text(MAX_CONTENT_CHARS).catch(""),
              model: text(200).nullish(),
              createdAt: isoTime.catch(() => new Date().toISOString()),
            }),
          )
          .max(MAX_MESSAGES, `has more than ${MAX_MESSAGES.toLocaleString("en")} messages`)
          .superRefine((messages, ctx) => {
            const seen = new Set<string>();
            messages.forEach((m, i) => {
              if (seen.has(m.id))
                ctx.addIssue({ code: "custom", path: [i, "id"], message: "is used by two messages" });
              seen.add(m.id);
            });
          }),
      }),
    )
    .max(MAX_CHATS, `has more than ${MAX_CHATS.toLocaleString("en")} chats`)
    .refine(
      (chats) => chats.reduce((n, c) => n + c.messages.length, 0) <= MAX_MESSAGES,
      `hold more than ${MAX_MESSAGES.toLocaleString("en")} messages in all`,
    ),
});

/** ChatGPT's conversations.json: a list of conversations, each a `mapping` of nodes. */
const chatgptExport = z
  .array(
    z.object({
      title: z.string().refine(hasNoNul, "contains a NUL character").nullish(),
      create_time: unixSeconds.nullish(),
      current_node: z.string().nullish(),
      mapping: z
        .record(
          z.string(),
          z.object({
            id: text(MAX_ID_CHARS),
            parent: z.string().nullish(),
            message: z
              .object({
                author: z.object({ role: z.string() }),
                create_time: unixSeconds.nullish(),
                content: z.object({
                  // Non-text parts (images, files) are skipped; text parts are what is kept.
                  parts: z.array(z.unknown()).max(1000).nullish(),
                  text: z.string().nullish(),
                }),
                metadata: z.object({ model_slug: text(200).nullish() }).nullish(),
              })
              .nullish(),
          }),
        )
        .refine(
          (mapping) => Object.keys(mapping).length <= MAX_MESSAGES,
          `has more than ${MAX_MESSAGES.toLocaleString("en")} messages`,
        ),
    }),
  )
  .max(MAX_CHATS, `has more than ${MAX_CHATS.toLocaleString("en")} conversations`)
  .refine(
    (conversations) => conversations.reduce((n, c) => n + Object.keys(c.mapping).length, 0) <= MAX_MESSAGES,
    `hold more than ${MAX_MESSAGES.toLocaleString("en")} messages in all`,
  );

interface Plan {
  title: string;
  model: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  pinned: boolean;
  createdAt: Date;
  currentLeaf: string | null;
  messages: {
    key: string;
    parentKey: string | null;
    role: "system" | "user" | "assistant";
    content: string;
    reasoning: string;
    model: string | null;
    createdAt: Date;
  }[];
}

/**
 * Imports a Hearth JSON export or ChatGPT's conversations.json into new
 * chats of the user, trees intact, in one transaction: all or nothing.
 */
export async function importChats(input: { userId: string; data: unknown }): Promise<{ imported: number }> {
  const plans = planImport(input.data);
  await db().transaction(async (tx) => {
    for (const plan of plans) {
      const ids = new Map(plan.messages.map((msg) => [msg.key, randomUUID()]));
      const [chat] = await tx
        .insert(schema.chat)
        .values({
          userId: input.userId,
          title: plan.title,
          model: plan.model,
          systemPrompt: plan.systemPrompt,
          temperature: plan.temperature,
          pinned: plan.pinned,
          createdAt: plan.createdAt,
          updatedAt: plan.createdAt,
        })
        .returning({ id: schema.chat.id });
      // Parents before children: the list is ordered so, and the ids are fixed beforehand.
      for (let i = 0; i < plan.messages.length; i += 500) {
        const slice = plan.messages.slice(i, i + 500);
        await tx.insert(schema.message).values(
          slice.map((msg) => ({
            id: ids.get(msg.key)!,
            chatId: chat!.id,
            userId: input.userId,
            parentId: msg.parentKey ? (ids.get(msg.parentKey) ?? null) : null,
            role: msg.role,
            content: msg.content,
            reasoning: msg.reasoning,
            model: msg.model,
            createdAt: msg.createdAt,
            updatedAt: msg.createdAt,
          })),
        );
      }
      const leaf = plan.currentLeaf
        ? ids.get(plan.currentLeaf)
        : plan.messages.length
          ? ids.get(plan.messages.at(-1)!.key)
          : undefined;
      if (leaf) await tx.update(schema.chat).set({ currentLeafId: leaf }).where(eq(schema.chat.id, chat!.id));
    }
  });
  return { imported: plans.length };
}

/** Which format the file claims to be decides the schema, so that an error names the field at fault. */
function planImport(data: unknown): Plan[] {
  if (typeof data === "object" && data !== null && !Array.isArray(data) && "format" in data) {
    const hearth = hearthExport.safeParse(data);
    if (!hearth.success) throw invalid("This Hearth export", hearth.error);
    return hearth.data.chats.map(fromHearth);
  }
  if (Array.isArray(data)) {
    const chatgpt = chatgptExport.safeParse(data);
    if (!chatgpt.success) throw invalid("This conversations.json", chatgpt.error);
    return chatgpt.data.map((c, i) => fromChatGPT(c, i));
  }
  throw new AppError("bad_request", "This file is neither a Hearth export nor ChatGPT's conversations.json.");
}

function invalid(what: string, error: z.ZodError): AppError {
  const issue = error.issues[0]!;
  const at = issue.path.map(String).join(".");
  return new AppError(
    "bad_request",
    `${what} cannot be imported: ${at ? `${at}: ` : ""}${issue.message}. Nothing was imported.`,
    { param: at || undefined },
  );
}

function fromHearth(c: z.infer<typeof hearthExport>["chats"][number]): Plan {
  const known = new Set(c.messages.map((m) => m.id));
  return {
    title: c.title || "Imported chat",
    model: c.model ?? null,
    systemPrompt: c.systemPrompt ?? null,
    temperature: c.temperature ?? null,
    pinned: c.pinned,
    createdAt: new Date(c.createdAt),
    currentLeaf: c.currentLeafId && known.has(c.currentLeafId) ? c.currentLeafId : null,
    messages: orderParentsFirst(
      c.messages.map((m) => ({
        key: m.id,
        parentKey: m.parentId && known.has(m.parentId) ? m.parentId : null,
        role: m.role,
        content: m.content,
        reasoning: m.reasoning,
        model: m.model ?? null,
        createdAt: new Date(m.createdAt),
      })),
    ),
  };
}

function fromChatGPT(c: z.infer<typeof chatgptExport>[number], index: number): Plan {
  // ChatGPT's tree has structural nodes without a message (the root, tool
  // plumbing): a kept message hangs from its nearest kept ancestor.
  const nodes = new Map(Object.entries(c.mapping));
  const kept = new Map<string, Plan["messages"][number]>();
  const roleOf = (r: string) => (r === "user" || r === "assistant" || r === "system" ? r : null);
  for (const [key, node] of nodes) {
    const msg = node.message;
    const role = msg ? roleOf(msg.author.role) : null;
    if (!msg || !role) continue;
    const content =
      (msg.content.parts ?? []).filter((p): p is string => typeof p === "string").join("\n") ||
      msg.content.text ||
      "";
    if (!content.trim()) continue;
    const problem = textProblem(content, MAX_CONTENT_CHARS);
    if (problem) {
      const at = `${index}.mapping.${key}.message.content`;
      throw new AppError(
        "bad_request",
        `This conversations.json cannot be imported: ${at}: ${problem}. Nothing was imported.`,
        { param: at },
      );
    }
    kept.set(key, {
      key,
      parentKey: null,
      role,
      content,
      reasoning: "",
      model: msg.metadata?.model_slug ?? null,
      createdAt: new Date((msg.create_time ?? c.create_time ?? Date.now() / 1000) * 1000),
    });
  }
  // Memoised, and safe from cycles: a long chain of structural nodes is walked once, not once per message.
  const nearest = new Map<string, string | null>();
  const nearestKept = (from: string | null | undefined): string | null => {
    const walked = new Set<string>();
    let found: string | null = null;
    for (let at = from ?? null; at !== null && !walked.has(at); at = nodes.get(at)?.parent ?? null) {
      if (kept.has(at)) {
        found = at;
        break;
      }
      if (nearest.has(at)) {
        found = nearest.get(at)!;
        break;
      }
      walked.add(at);
    }
    for (const at of walked) nearest.set(at, found);
    return found;
  };
  for (const msg of kept.values()) msg.parentKey = nearestKept(nodes.get(msg.key)?.parent);
  return {
    title: (c.title ?? "").trim().slice(0, 200) || "Imported chat",
    model: null,
    systemPrompt: null,
    temperature: null,
    pinned: false,
    createdAt: new Date((c.create_time ?? Date.now() / 1000) * 1000),
    currentLeaf: nearestKept(c.current_node),
    messages: orderParentsFirst([...kept.values()]),
  };
}

function textProblem(s: string, max: number): string | null {
  if (s.length > max) return `is longer than ${max.toLocaleString("en")} characters`;
  if (!hasNoNul(s)) return "contains a NUL character";
  return null;
}

/** Orders messages so that every parent comes before its children (and drops cycles). Linear time. */
function orderParentsFirst<T extends { key: string; parentKey: string | null }>(messages: T[]): T[] {
  const children = new Map<string | null, T[]>();
  const keys = new Set(messages.map((m) => m.key));
  for (const m of messages) {
    const parent = m.parentKey && keys.has(m.parentKey) ? m.parentKey : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(m);
    else children.set(parent, [m]);
  }
  const out: T[] = [...(children.get(null) ?? [])];
  for (let i = 0; i < out.length; i++) {
    for (const child of children.get(out[i]!.key) ?? []) out.push(child);
  }
  return out;
}

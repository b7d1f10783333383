import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMAT } from "./export-chats";

const MAX_CHATS = 5000;
const MAX_MESSAGES = 200_000;

const hearthExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  chats: z
    .array(
      z.object({
        id: z.string(),
        title: z.string().max(200).catch("Imported chat"),
        model: z.string().nullish(),
        systemPrompt: z.string().nullish(),
        temperature: z.number().min(0).max(2).nullish().catch(null),
        pinned: z.boolean().catch(false),
        currentLeafId: z.string().nullish(),
        createdAt: z.iso.datetime({ offset: true }).catch(() => new Date().toISOString()),
        messages: z
          .array(
            z.object({
              id: z.string(),
              parentId: z.string().nullish(),
              role: z.enum(["system", "user", "assistant"]),
              content: z.string(),
              reasoning: z.string().catch(""),
              model: z.string().nullish(),
              createdAt: z.iso.datetime({ offset: true }).catch(() => new Date().toISOString()),
            }),
          )
          .max(MAX_MESSAGES),
      }),
    )
    .max(MAX_CHATS),
});

/** ChatGPT's conversations.json: a list of conversations, each a `mapping` of nodes. */
const chatgptExport = z
  .array(
    z.object({
      title: z.string().nullish(),
      create_time: z.number().nullish(),
      current_node: z.string().nullish(),
      mapping: z.record(
        z.string(),
        z.object({
          id: z.string(),
          parent: z.string().nullish(),
          message: z
            .object({
              author: z.object({ role: z.string() }),
              create_time: z.number().nullish(),
              content: z
                .object({ parts: z.array(z.unknown()).nullish(), text: z.string().nullish() })
                .passthrough(),
              metadata: z.object({ model_slug: z.string().nullish() }).passthrough().nullish(),
            })
            .nullish(),
        }),
      ),
    }),
  )
  .max(MAX_CHATS);

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

function planImport(data: unknown): Plan[] {
  const hearth = hearthExport.safeParse(data);
  if (hearth.success) return hearth.data.chats.map(fromHearth);
  const chatgpt = chatgptExport.safeParse(data);
  if (chatgpt.success) return chatgpt.data.map(fromChatGPT);
  throw new AppError("bad_request", "This file is neither a Hearth export nor ChatGPT's conversations.json.");
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

function fromChatGPT(c: z.infer<typeof chatgptExport>[number]): Plan {
  // ChatGPT's tree has structural nodes without a message (the root, tool
  // plumbing): a kept message hangs from its nearest kept ancestor.
  const nodes = c.mapping;
  const kept = new Map<string, Plan["messages"][number]>();
  const roleOf = (r: string) => (r === "user" || r === "assistant" || r === "system" ? r : null);
  for (const node of Object.values(nodes)) {
    const msg = node.message;
    const role = msg ? roleOf(msg.author.role) : null;
    if (!msg || !role) continue;
    const text =
      (msg.content.parts ?? []).filter((p): p is string => typeof p === "string").join("\n") ||
      msg.content.text ||
      "";
    if (!text.trim()) continue;
    kept.set(node.id, {
      key: node.id,
      parentKey: null,
      role,
      content: text,
      reasoning: "",
      model: msg.metadata?.model_slug ?? null,
      createdAt: new Date((msg.create_time ?? c.create_time ?? Date.now() / 1000) * 1000),
    });
  }
  for (const msg of kept.values()) {
    let up = nodes[msg.key]?.parent ?? null;
    const seen = new Set<string>();
    while (up && !kept.has(up) && !seen.has(up)) {
      seen.add(up);
      up = nodes[up]?.parent ?? null;
    }
    msg.parentKey = up && kept.has(up) ? up : null;
  }
  let leaf = c.current_node ?? null;
  while (leaf && !kept.has(leaf)) leaf = nodes[leaf]?.parent ?? null;
  return {
    title: (c.title ?? "").trim().slice(0, 200) || "Imported chat",
    model: null,
    systemPrompt: null,
    temperature: null,
    pinned: false,
    createdAt: new Date((c.create_time ?? Date.now() / 1000) * 1000),
    currentLeaf: leaf,
    messages: orderParentsFirst([...kept.values()]),
  };
}

/** Orders messages so that every parent comes before its children (and drops cycles). */
function orderParentsFirst<T extends { key: string; parentKey: string | null }>(messages: T[]): T[] {
  const children = new Map<string | null, T[]>();
  const keys = new Set(messages.map((m) => m.key));
  for (const m of messages) {
    const parent = m.parentKey && keys.has(m.parentKey) ? m.parentKey : null;
    children.set(parent, [...(children.get(parent) ?? []), m]);
  }
  const out: T[] = [];
  const queue = [...(children.get(null) ?? [])];
  while (queue.length) {
    const m = queue.shift()!;
    out.push(m);
    queue.push(...(children.get(m.key) ?? []));
  }
  return out;
}

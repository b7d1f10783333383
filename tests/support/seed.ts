/**
 * Seed factories: one function per entity, each writing straight to the
 * database at `databaseUrl` (a test's own, or the e2e server's) and returning
 * what was made. Tests read as the behaviour they check, not as SQL.
 */
import { randomUUID } from "node:crypto";
import { query } from "./query";
import pg from "pg";

/* Text like a real conversation's: prose, lists, code and now and then a table. */
const WORDS =
  "the a model answer question data server request memory token stream branch message chat page list value function result error system user browser render query index table".split(
    " ",
  );

function prose(seed: number, words: number): string {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out.push(WORDS[s % WORDS.length]!);
    if (i % 14 === 13) out.push(".");
  }
  const text = out.join(" ").replace(/ \./g, ".");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

function seededAnswer(i: number): string {
  const parts = [prose(i, 60), `- ${prose(i + 1, 10)}\n- ${prose(i + 2, 12)}\n- ${prose(i + 3, 8)}`];
  if (i % 3 === 0) {
    parts.push(
      "```ts\n" +
        `export function step${i}(items: number[]): number {\n  let total = 0;\n  for (const item of items) total += item * ${i % 7};\n  return total;\n}\n` +
        "```",
    );
  }
  if (i % 5 === 0) parts.push("| name | value |\n| --- | --- |\n| alpha | 1 |\n| beta | 2 |");
  parts.push(prose(i + 4, 40));
  return parts.join("\n\n");
}

/**
 * A chat of `size` messages (questions and answers in turn, question n reads
 * "Question n: ...") on one branch, written straight to the database: a long
 * history without generating it. Returns the chat's id.
 */
export async function seedLongChat(
  databaseUrl: string,
  {
    userId,
    size,
    model,
    title = `${size} messages`,
  }: {
    userId: string;
    size: number;
    model: string;
    title?: string;
  },
): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const chatId = randomUUID();
    await client.query(`INSERT INTO chat (id, user_id, title, model) VALUES ($1, $2, $3, $4)`, [
      chatId,
      userId,
      title,
      model,
    ]);
    const start = Date.now() - size * 60_000;
    let parent: string | null = null;
    for (let first = 0; first < size; first += 250) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = first; i < Math.min(size, first + 250); i++) {
        const id = randomUUID();
        const user = i % 2 === 0;
        const n = values.length;
        rows.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`);
        values.push(
          id,
          chatId,
          parent,
          user ? "user" : "assistant",
          user ? `Question ${i / 2 + 1}: ${prose(i, 25)}` : seededAnswer(i),
          user ? null : model,
          new Date(start + i * 60_000),
        );
        parent = id;
      }
      await client.query(
        `INSERT INTO message (id, chat_id, parent_id, role, content, model, created_at) VALUES ${rows.join(", ")}`,
        values,
      );
    }
    await client.query(`UPDATE chat SET current_leaf_id = $1 WHERE id = $2`, [parent, chatId]);
    return chatId;
  } finally {
    await client.end();
  }
}

/** A user row without a password (it cannot sign in): for tests of what happens around accounts. */
export async function seedUser(
  databaseUrl: string,
  {
    id = randomUUID(),
    email = `user-${id}@example.com`,
    name = email.split("@")[0]!,
    disabled = false,
  }: { id?: string; email?: string; name?: string; disabled?: boolean } = {},
): Promise<{ id: string; email: string }> {
  await query(databaseUrl, `INSERT INTO "user" (id, name, email, disabled) VALUES ($1, $2, $3, $4)`, [
    id,
    name,
    email,
    disabled,
  ]);
  return { id, email };
}

/** The id of the account with this email (one made by signing up, say). */
export async function userIdOf(databaseUrl: string, email: string): Promise<string> {
  const [row] = await query<{ id: string }>(databaseUrl, `SELECT id FROM "user" WHERE email = $1`, [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** Makes an account an ADMIN or a USER, as the admin console would. */
export async function setRole(databaseUrl: string, userId: string, role: "ADMIN" | "USER"): Promise<void> {
  await query(databaseUrl, `UPDATE "user" SET role = $2 WHERE id = $1`, [userId, role]);
}

export async function seedChat(
  databaseUrl: string,
  {
    userId,
    title = "New chat",
    model = null,
    systemPrompt = null,
    ageSeconds = 0,
  }: {
    userId: string;
    title?: string;
    model?: string | null;
    systemPrompt?: string | null;
    /** How long ago it was made and last touched, in seconds: search and the sidebar order by it. */
    ageSeconds?: number;
  },
): Promise<string> {
  const [row] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO chat (user_id, title, model, system_prompt, created_at, updated_at)
     VALUES ($1, $2, $3, $4, now() - make_interval(secs => $5), now() - make_interval(secs => $5))
     RETURNING id`,
    [userId, title, model, systemPrompt, ageSeconds],
  );
  return row!.id;
}

export interface SeedMessageInput {
  chatId: string;
  parentId?: string | null;
  role: "user" | "assistant" | "system";
  content: string;
  model?: string | null;
  status?: "streaming" | "complete" | "stopped" | "error" | "interrupted";
  /** The process generating it, for a message still streaming. */
  owner?: string | null;
  /** How long ago it was written (and last touched), in seconds. */
  ageSeconds?: number;
}

/** One message; it does not move the chat's current branch (see `seedConversation`). */
export async function seedMessage(
  databaseUrl: string,
  {
    chatId,
    parentId = null,
    role,
    content,
    model = null,
    status = "complete",
    owner = null,
    ageSeconds = 0,
  }: SeedMessageInput,
): Promise<string> {
  const [row] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO message (chat_id, parent_id, role, content, model, status, owner, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(secs => $8), now() - make_interval(secs => $8))
     RETURNING id`,
    [chatId, parentId, role, content, model, status, owner, ageSeconds],
  );
  return row!.id;
}

/** Many messages in one statement, none a reply to another: volume for search and the like. */
export async function seedMessages(
  databaseUrl: string,
  { chatId, role, contents }: { chatId: string; role: SeedMessageInput["role"]; contents: string[] },
): Promise<void> {
  await query(databaseUrl, `INSERT INTO message (chat_id, role, content) SELECT $1, $2, unnest($3::text[])`, [
    chatId,
    role,
    contents,
  ]);
}

/** Makes `leafId` the end of the branch the chat shows. */
export async function showBranch(databaseUrl: string, chatId: string, leafId: string): Promise<void> {
  await query(databaseUrl, `UPDATE chat SET current_leaf_id = $2 WHERE id = $1`, [chatId, leafId]);
}

/**
 * A chat whose messages follow one another (each the reply to the one before,
 * a minute apart, the last the newest) and whose branch shows them all.
 */
export async function seedConversation(
  databaseUrl: string,
  {
    messages,
    ...chat
  }: Parameters<typeof seedChat>[1] & {
    messages: Omit<SeedMessageInput, "chatId" | "parentId" | "ageSeconds">[];
  },
): Promise<{ chatId: string; messageIds: string[] }> {
  const chatId = await seedChat(databaseUrl, chat);
  const messageIds: string[] = [];
  for (const [i, m] of messages.entries()) {
    messageIds.push(
      await seedMessage(databaseUrl, {
        ...m,
        chatId,
        parentId: messageIds.at(-1) ?? null,
        ageSeconds: (messages.length - i) * 60,
      }),
    );
  }
  if (messageIds.length) await showBranch(databaseUrl, chatId, messageIds.at(-1)!);
  return { chatId, messageIds };
}

/**
 * An API key for the user, made as Settings makes one; returns its secret.
 * It uses the app's own code (the key is hashed), so call it after `setupTestApp()`.
 */
export async function seedKey(input: {
  userId: string;
  name?: string;
  models?: string[] | null;
  endpoints?: string[] | null;
}): Promise<string> {
  const { createApiKey } = await import("@/lib/keys/create-api-key");
  return (await createApiKey({ name: "test key", ...input })).key;
}

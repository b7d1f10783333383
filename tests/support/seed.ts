import { randomUUID } from "node:crypto";
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
export async function seedChat({
  databaseUrl,
  userId,
  size,
  model,
  title = `${size} messages`,
}: {
  databaseUrl: string;
  userId: string;
  size: number;
  model: string;
  title?: string;
}): Promise<string> {
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

/**
 * Run as its own process (tsx --conditions=react-server) with DATABASE_URL and
 * DATA_DIR of the install to back up: fills it through the app's own code with
 * what a backup must give back (an admin, a chat, an uploaded file, an API
 * key, a runner whose key is encrypted at rest) and prints what it made as JSON.
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "@/lib/keys/create-api-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { config } from "@/lib/config";
import { db, pool, schema } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { seedLongChat } from "./seed";

const password = "a long enough passphrase";
const user = await createUser({ email: "restored@example.com", name: "Restored", role: "ADMIN", password });
const databaseUrl = config().databaseUrl!;
const chatId = await seedLongChat(databaseUrl, {
  userId: user.id,
  size: 4,
  model: "llama3.2:3b",
  title: "Kept chat",
});

const bytes = randomBytes(4096);
const storageName = randomUUID();
const uploads = path.join(config().dataDir, "uploads");
fs.mkdirSync(uploads, { recursive: true, mode: 0o700 });
fs.writeFileSync(path.join(uploads, storageName), bytes, { mode: 0o600 });
const [file] = await db()
  .insert(schema.file)
  .values({
    userId: user.id,
    name: "notes.bin",
    kind: "document",
    mime: "application/octet-stream",
    size: bytes.length,
    storageName,
  })
  .returning({ id: schema.file.id });

const { key } = await createApiKey({ userId: user.id, name: "kept key" });
const runnerKey = `sk-${randomBytes(16).toString("hex")}`;
await db()
  .insert(schema.runner)
  .values({
    id: randomUUID(),
    name: "Remote runner",
    kind: "openai",
    baseUrl: "https://runner.example.com/v1",
    apiKeySealed: encryptSecret(runnerKey),
    enabled: false,
  });

process.stdout.write(
  JSON.stringify({
    email: user.email,
    password,
    userId: user.id,
    chatId,
    fileId: file!.id,
    fileBase64: bytes.toString("base64"),
    apiKey: key,
    runnerKey,
  }),
);
await pool().end();
process.exit(0);

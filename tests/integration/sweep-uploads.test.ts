/**
 * The daily sweep deletes uploads no message refers to once they are a day
 * old: the row and the file. Files sent with a message, and recent uploads
 * that may still be sent, stay.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

const DAY = 24 * 60 * 60 * 1000;
let sim: OllamaSim;
let app: TestApp;
let alice: Browser;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
});

afterAll(() => sim?.close());

async function uploadNote(text: string): Promise<{ id: string; storageName: string }> {
  const form = new FormData();
  form.set("file", new Blob([text]), `${text}.md`);
  const res = await alice.fetch("/api/files", { body: form });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  const [row] = await query<{ storage_name: string }>(
    app.databaseUrl,
    "SELECT storage_name FROM file WHERE id = $1",
    [id],
  );
  return { id, storageName: row!.storage_name };
}

const onDisk = (storageName: string) => fs.existsSync(path.join(app.dataDir, "uploads", storageName));
const hasRow = async (id: string) =>
  (await query(app.databaseUrl, "SELECT 1 FROM file WHERE id = $1", [id])).length === 1;

/** Makes an upload look `ms` old, in its row and on disk. */
async function age(file: { id: string; storageName: string }, ms: number) {
  await query(
    app.databaseUrl,
    "UPDATE file SET created_at = now() - make_interval(secs => $2) WHERE id = $1",
    [file.id, ms / 1000],
  );
  const then = new Date(Date.now() - ms);
  fs.utimesSync(path.join(app.dataDir, "uploads", file.storageName), then, then);
}

describe("the upload sweep", () => {
  it("deletes day-old uploads never sent, row and file, and keeps sent and recent ones", async () => {
    const { sweepUploads } = await import("@/lib/files/sweep-uploads");
    const chat = await (await alice.post("/api/chats", { model: "llama3.2:3b" })).json();

    const forgotten = await uploadNote("forgotten");
    const recent = await uploadNote("recent");
    const sent = await uploadNote("sent");
    const res = await alice.post(`/api/chats/${chat.id}/messages`, {
      content: "Read this",
      fileIds: [sent.id],
    });
    expect(res.status).toBe(201);
    await age(forgotten, DAY + 60_000);
    await age(recent, DAY - 60_000);
    await age(sent, 2 * DAY);

    const swept = await sweepUploads();
    expect(swept.rows).toBe(1);
    expect(await hasRow(forgotten.id)).toBe(false);
    expect(onDisk(forgotten.storageName)).toBe(false);
    for (const kept of [recent, sent]) {
      expect(await hasRow(kept.id)).toBe(true);
      expect(onDisk(kept.storageName)).toBe(true);
    }
  });

  it("deletes old files left on disk with no row: a deleted chat's attachments, a half-received upload", async () => {
    const { sweepUploads } = await import("@/lib/files/sweep-uploads");
    const chat = await (await alice.post("/api/chats", { model: "llama3.2:3b" })).json();
    const attached = await uploadNote("attached");
    await alice.post(`/api/chats/${chat.id}/messages`, { content: "Here", fileIds: [attached.id] });
    await age(attached, 2 * DAY);
    expect((await alice.delete(`/api/chats/${chat.id}`)).status).toBe(204);
    expect(await hasRow(attached.id)).toBe(false);
    expect(onDisk(attached.storageName)).toBe(true);

    const incoming = path.join(app.dataDir, "incoming");
    fs.mkdirSync(incoming, { recursive: true });
    const stale = path.join(incoming, "stale-upload");
    const fresh = path.join(incoming, "arriving-now");
    fs.writeFileSync(stale, "half a file");
    fs.writeFileSync(fresh, "arriving");
    const old = new Date(Date.now() - 2 * DAY);
    fs.utimesSync(stale, old, old);

    const swept = await sweepUploads();
    expect(swept.files).toBeGreaterThanOrEqual(2);
    expect(onDisk(attached.storageName)).toBe(false);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });
});

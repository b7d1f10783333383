import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { makePdf } from "../support/pdf";
import { setupTestApp, type TestApp } from "../support/test-app";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
let sim: OllamaSim;
let app: TestApp;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

afterAll(() => sim?.close());

async function put(b: Browser, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  return b.post("/api/files", undefined, { body: form });
}

const get = (b: Browser, fileId: string) => b.get(`/api/files/${fileId}`);

async function newChat(model: string) {
  return (await (await alice.post("/api/chats", { model })).json()).id as string;
}

/** The body of the next /api/chat request for `question` (not, say, a title request). */
async function nextChatRequest<T>(before: number, question: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const chats = sim.requests
      .filter((r) => r.path === "/api/chat")
      .slice(before)
      .filter((r) => JSON.stringify(r.body).includes(question));
    if (chats.length) return chats[0]!.body as T;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the simulator got no chat request");
}
const chatRequests = () => sim.requests.filter((r) => r.path === "/api/chat").length;

const sendWith = (chatId: string, content: string, fileIds: string[]) =>
  alice.post(`/api/chats/${chatId}/messages`, { content, fileIds });

describe("uploads", () => {
  it("are typed by their content, not their name, and stored under a generated name", async () => {
    const image = await (await put(alice, "holiday.txt", PNG)).json();
    expect(image).toMatchObject({ name: "holiday.txt", kind: "image", mime: "image/png", size: PNG.length });
    const note = await (
      await put(alice, "../../etc/notes.md", new TextEncoder().encode("# Shopping\n- eggs"))
    ).json();
    expect(note).toMatchObject({ name: "notes.md", kind: "document", mime: "text/plain" });
    const stored = fs.readdirSync(path.join(app.dataDir, "uploads"));
    expect(stored.every((n) => /^[0-9a-f-]{36}$/.test(n))).toBe(true);
  });

  it("turn PDFs into text and refuse what they cannot read", async () => {
    const pdf = await put(alice, "letter.pdf", makePdf("Hello from a PDF file"));
    expect(pdf.status).toBe(201);
    const exe = await put(alice, "cat.png", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    expect(exe.status).toBe(422);
    expect((await exe.json()).error.message).toMatch(/can't be attached/);
    const broken = await put(
      alice,
      "broken.pdf",
      new TextEncoder().encode("%PDF-1.4 this is not really a pdf"),
    );
    expect(broken.status).toBe(422);
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(PNG);
    expect((await put(alice, "big.png", huge)).status).toBe(413);
  });

  it("are served only to their owner: images inline, the rest as a download, never sniffed", async () => {
    const image = await (await put(alice, "a.png", PNG)).json();
    const res = await get(alice, image.id);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const doc = await (
      await put(alice, "page.html", new TextEncoder().encode("<script>alert(1)</script>"))
    ).json();
    const docRes = await get(alice, doc.id);
    expect(docRes.headers.get("content-type")).toBe("application/octet-stream");
    expect(docRes.headers.get("content-disposition")).toMatch(/^attachment/);
    expect((await get(bob, image.id)).status).toBe(404);
    expect((await get(alice, "not-a-uuid")).status).toBe(404);
  });
});

describe("attachments in a chat", () => {
  it("give documents to the model as named context and images to vision models only", async () => {
    const pdf = await (await put(alice, "letter.pdf", makePdf("The meeting is on Tuesday"))).json();
    const chatId = await newChat("llama3.2:3b");
    const before = chatRequests();
    const res = await sendWith(chatId, "When is the meeting?", [pdf.id]);
    expect(res.status).toBe(201);
    const sent = await nextChatRequest<{ messages: { content: string }[] }>(before, "When is the meeting?");
    expect(sent.messages.at(-1)!.content).toMatch(
      /Attached file "letter.pdf":[\s\S]*The meeting is on Tuesday[\s\S]*When is the meeting\?/,
    );

    const image = await (await put(alice, "photo.png", PNG)).json();
    const refused = await sendWith(chatId, "What is this?", [image.id]);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/llama3.2:3b can't see images/);

    const visionChat = await newChat("llava:7b");
    const beforeImage = chatRequests();
    expect((await sendWith(visionChat, "What is this?", [image.id])).status).toBe(201);
    const withImage = await nextChatRequest<{ messages: { images?: string[] }[] }>(
      beforeImage,
      "What is this?",
    );
    expect(withImage.messages.at(-1)!.images).toEqual([PNG.toString("base64")]);
    // The chat shows which files went with the message.
    const { getChat } = await import("@/lib/chats/get-chat");
    const shown = await getChat({ userId: await alice.id(), chatId: visionChat });
    expect(shown.messages[0]!.files).toEqual([
      { id: image.id, name: "photo.png", kind: "image", mime: "image/png", size: PNG.length },
    ]);
    // A file goes with one message only, and only its owner can send it.
    expect((await sendWith(visionChat, "Again", [image.id])).status).toBe(404);
    const bobsFile = await (await put(bob, "b.png", PNG)).json();
    expect((await sendWith(visionChat, "Steal", [bobsFile.id])).status).toBe(404);
  });
});

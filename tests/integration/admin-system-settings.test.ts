/**
 * /api/admin/settings: an admin reads and changes the instance settings;
 * each change leaves one audit row with the values before and after; bad
 * values are refused at the field and change nothing. The settings reach
 * behaviour: the default system prompt goes to the model in new chats, and
 * title generation can be switched off or given its own model.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
const TITLE_PROMPT = /^Write a title/;
let sim: OllamaSim;
let app: TestApp;
let admin: Browser;
let bob: Browser;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
  bob = new Browser("203.0.113.20");
  await bob.signUp("bob@example.com", "bob's own long password");
});

beforeEach(async () => {
  const { resetStoredSettings } = await import("@/lib/settings/settings");
  await resetStoredSettings();
  await query(app.databaseUrl, "DELETE FROM audit_log");
});

afterAll(() => sim?.close());

type Described = import("@/lib/shared/admin-system").DescribedSettings;
const settings = async (b = admin) =>
  ((await (await b.get("/api/admin/settings")).json()) as { settings: Described }).settings;
const auditRows = () =>
  query<{ action: string; actor_email: string; target_label: string; ip: string; details: unknown }>(
    app.databaseUrl,
    "SELECT action, actor_email, target_label, ip, details FROM audit_log ORDER BY id",
  );

it("lists every setting with its value, none fixed when the environment sets none", async () => {
  const s = await settings();
  expect(s.signUpPolicy).toEqual({ value: "open", fixedBy: null });
  expect(s.defaultRole).toEqual({ value: "USER", fixedBy: null });
  expect(s.titleGeneration).toEqual({ value: true, fixedBy: null });
  expect(s.titleModel).toEqual({ value: "", fixedBy: null });
  expect(s.defaultSystemPrompt).toEqual({ value: "", fixedBy: null });
  expect(s.rateLimitRequests.value).toBe(100);
  expect(s.rateLimitWindowMs.value).toBe(60_000);
  expect(s.rateLimitTokensPerDay.value).toBe(0);
});

it("stores a change and records who changed what, from where, before and after", async () => {
  const res = await admin.patch("/api/admin/settings", {
    signUpPolicy: "approval",
    rateLimitRequests: 20,
    titleGeneration: true, // unchanged: not in the audit row
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { settings: Described }).settings.signUpPolicy.value).toBe("approval");
  const s = await settings();
  expect(s.signUpPolicy.value).toBe("approval");
  expect(s.rateLimitRequests.value).toBe(20);

  const rows = await auditRows();
  expect(rows).toEqual([
    {
      action: "setting.update",
      actor_email: "admin@example.com",
      target_label: "Sign-up policy, Requests per window",
      ip: admin.ip,
      details: {
        before: { signUpPolicy: "open", rateLimitRequests: 100 },
        after: { signUpPolicy: "approval", rateLimitRequests: 20 },
      },
    },
  ]);

  // Saving the same values again changes nothing and records nothing.
  expect((await admin.patch("/api/admin/settings", { signUpPolicy: "approval" })).status).toBe(200);
  expect(await auditRows()).toHaveLength(1);
});

it("refuses bad values at the field they are in, and changes nothing", async () => {
  for (const [body, param] of [
    [{ rateLimitRequests: 0 }, "rateLimitRequests"],
    [{ rateLimitWindowMs: 10 }, "rateLimitWindowMs"],
    [{ signUpPolicy: "everyone", rateLimitRequests: 5 }, "signUpPolicy"],
    [{ titleGeneration: "yes" }, "titleGeneration"],
    [{ defaultSystemPrompt: "x".repeat(20_001) }, "defaultSystemPrompt"],
  ] as const) {
    const res = await admin.patch("/api/admin/settings", body);
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
  }
  const unknown = await admin.patch("/api/admin/settings", { adminPassword: "x" });
  expect(unknown.status).toBe(400);
  expect((await settings()).rateLimitRequests.value).toBe(100);
  expect(await auditRows()).toEqual([]);
});

it("refuses a USER (403) and the signed-out (401) on every route, and nothing changes", async () => {
  const stranger = new Browser("203.0.113.30");
  for (const [who, status] of [
    [bob, 403],
    [stranger, 401],
  ] as const) {
    expect((await who.get("/api/admin/settings")).status).toBe(status);
    expect((await who.patch("/api/admin/settings", { signUpPolicy: "closed" })).status).toBe(status);
    expect((await who.get("/api/admin/system")).status).toBe(status);
    expect((await who.get("/api/admin/audit")).status).toBe(status);
  }
  expect((await settings()).signUpPolicy.value).toBe("open");
  expect(await auditRows()).toEqual([]);
});

/** The bodies Ollama received for /api/chat, oldest first. */
const chatRequests = () =>
  sim.requests
    .filter((r) => r.method === "POST" && r.path === "/api/chat")
    .map((r) => r.body as { model: string; messages: { role: string; content: string }[] });
const isTitleRequest = (b: { messages: { role: string; content: string }[] }) =>
  b.messages[0]?.role === "system" && TITLE_PROMPT.test(b.messages[0].content);

async function newChat(body: Record<string, unknown> = {}) {
  const res = await bob.post("/api/chats", { model: MODEL, ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; systemPrompt: string | null };
}

/** Sends a message and waits for the answer, and for a title when one is asked for. */
async function send(chatId: string, content: string) {
  expect((await bob.post(`/api/chats/${chatId}/messages`, { content })).status).toBe(201);
  await expect
    .poll(() => chatRequests().some((b) => b.messages.at(-1)?.content === content), { timeout: 10_000 })
    .toBe(true);
  await sim.waitForIdle(10_000);
  return chatRequests().find((b) => b.messages.at(-1)?.content === content)!;
}

it("gives new chats the default system prompt; chats made before, or with their own, keep theirs", async () => {
  const before = await newChat();
  expect(
    (await admin.patch("/api/admin/settings", { defaultSystemPrompt: "Answer in French." })).status,
  ).toBe(200);
  const fresh = await newChat();
  expect(fresh.systemPrompt).toBe("Answer in French.");
  const own = await newChat({ systemPrompt: "Answer like a pirate." });

  const sent = await send(fresh.id, "What is bread?");
  expect(sent.messages[0]).toEqual({ role: "system", content: "Answer in French." });
  expect((await send(own.id, "What is rum?")).messages[0]).toEqual({
    role: "system",
    content: "Answer like a pirate.",
  });
  // Copied at creation: a conversation under way does not change under its user's feet.
  expect((await send(before.id, "What is cheese?")).messages.some((m) => m.role === "system")).toBe(false);

  // The user may still clear it in their chat's settings.
  expect((await bob.patch(`/api/chats/${fresh.id}`, { systemPrompt: null })).status).toBe(200);
  expect((await send(fresh.id, "And wine?")).messages.some((m) => m.role === "system")).toBe(false);
});

it("asks for no title when title generation is off", async () => {
  expect((await admin.patch("/api/admin/settings", { titleGeneration: false })).status).toBe(200);
  const chat = await newChat();
  const titlesBefore = chatRequests().filter(isTitleRequest).length;
  await send(chat.id, "Tell me about owls");
  // The answer is complete; give a title request time to show up, if one were coming.
  await new Promise((r) => setTimeout(r, 300));
  await sim.waitForIdle(10_000);
  expect(chatRequests().filter(isTitleRequest).length).toBe(titlesBefore);
  const [row] = await query<{ title: string }>(app.databaseUrl, "SELECT title FROM chat WHERE id = $1", [
    chat.id,
  ]);
  expect(row!.title).toBe("New chat");
});

it("asks the title model the admin chose, and the chat's own model when it fails", async () => {
  expect((await admin.patch("/api/admin/settings", { titleModel: "qwen3:0.6b" })).status).toBe(200);
  const chat = await newChat();
  await send(chat.id, "Tell me about foxes");
  await expect
    .poll(() => chatRequests().filter(isTitleRequest).at(-1)?.model, { timeout: 10_000 })
    .toBe("qwen3:0.6b");
  await expect
    .poll(
      async () =>
        (
          await query<{ title: string }>(app.databaseUrl, "SELECT title FROM chat WHERE id = $1", [chat.id])
        )[0]!.title,
      { timeout: 10_000 },
    )
    .not.toBe("New chat");

  expect((await admin.patch("/api/admin/settings", { titleModel: "no-such-model:1b" })).status).toBe(200);
  const other = await newChat();
  const count = chatRequests().filter(isTitleRequest).length;
  await send(other.id, "Tell me about badgers");
  await expect.poll(() => chatRequests().filter(isTitleRequest).length, { timeout: 10_000 }).toBe(count + 2);
  expect(
    chatRequests()
      .filter(isTitleRequest)
      .slice(-2)
      .map((b) => b.model),
  ).toEqual(["no-such-model:1b", MODEL]);
  await expect
    .poll(
      async () =>
        (
          await query<{ title: string }>(app.databaseUrl, "SELECT title FROM chat WHERE id = $1", [other.id])
        )[0]!.title,
      { timeout: 10_000 },
    )
    .not.toBe("New chat");
});

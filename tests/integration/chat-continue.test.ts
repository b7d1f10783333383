import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { expectedReply, startOllamaSim, tokenize, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedConversation, userIdOf } from "../support/seed";
import { sseFrames } from "../support/sse";
import { setupTestApp, type TestApp } from "../support/test-app";

/**
 * A reply cut by a restart or a crash goes on where it stopped: by itself for
 * Ollama (the conversation plus the partial reply as a final assistant
 * message), on Continue for runners that may not continue one.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let app: TestApp;
let admin: Browser;
let bob: Browser;
let adminId: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  admin = new Browser();
  bob = new Browser();
  await admin.signUp("admin@example.com", "admin's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  adminId = await userIdOf(app.databaseUrl, "admin@example.com");
});

afterAll(() => sim?.close());
beforeEach(() => sim.resetFaults());

const replyTo = (question: string) => expectedReply(MODEL, [{ role: "user", content: question }]);

/** The reply's first `tokens` tokens, as a cut reply stores them. */
const cutAfter = (text: string, tokens: number) => tokenize(text).slice(0, tokens).join("");

/** A question and its reply, cut after some tokens, `ageSeconds` ago. */
async function seedCut(input: {
  question: string;
  status?: "interrupted" | "stopped" | "error" | "complete";
  model?: string;
  ageSeconds?: number;
  resumeCount?: number;
}) {
  const partial = cutAfter(replyTo(input.question), 7);
  const { chatId, messageIds } = await seedConversation(app.databaseUrl, {
    userId: adminId,
    model: input.model ?? MODEL,
    messages: [
      { role: "user", content: input.question },
      {
        role: "assistant",
        content: partial,
        status: input.status ?? "interrupted",
        model: input.model ?? MODEL,
      },
    ],
  });
  const replyId = messageIds[1]!;
  await query(
    app.databaseUrl,
    `UPDATE message SET updated_at = now() - make_interval(secs => $2), resume_count = $3 WHERE id = $1`,
    [replyId, input.ageSeconds ?? 5, input.resumeCount ?? 0],
  );
  return { chatId, replyId, partial };
}

async function row(id: string) {
  const [r] = await query<{ status: string; content: string; resume_count: number; owner: string | null }>(
    app.databaseUrl,
    `SELECT status, content, resume_count, owner FROM message WHERE id = $1`,
    [id],
  );
  return r!;
}

/** Follows a reply from `from` characters of content to its `done` event. */
async function followToEnd(b: Browser, chatId: string, messageId: string, from: number) {
  const res = await b.get(`/api/chats/${chatId}/messages/${messageId}/stream`, {
    headers: { "last-event-id": `0,${from}` },
  });
  expect(res.status).toBe(200);
  let text = "";
  for await (const f of sseFrames(res.body!)) {
    if (f.event === "delta") text += JSON.parse(f.data).content ?? "";
    if (f.event === "done") return { text, done: JSON.parse(f.data) as { status: string } };
  }
  throw new Error("the stream ended without done");
}

describe("the simulator", () => {
  it("continues a final assistant message with the rest of the same reply", async () => {
    const question = "How do rivers find the sea?";
    const full = replyTo(question);
    const partial = cutAfter(full, 5);
    const res = await fetch(`${sim.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({
        model: MODEL,
        stream: false,
        messages: [
          { role: "user", content: question },
          { role: "assistant", content: partial },
        ],
      }),
    });
    const rest = ((await res.json()) as { message: { content: string } }).message.content;
    expect(rest.length).toBeGreaterThan(0);
    expect(partial + rest).toBe(full);
  });
});

describe("a reply cut by a restart", () => {
  it("is continued by itself into the same message, the seam without repeated words", async () => {
    const { resumeInterrupted } = await import("@/lib/chats/resume-interrupted");
    const { chatId, replyId, partial } = await seedCut({ question: "Tell me about harbors" });
    expect(await resumeInterrupted({ atBoot: false })).toBe(1);
    const { text, done } = await followToEnd(admin, chatId, replyId, partial.length);
    expect(done.status).toBe("complete");
    expect(partial + text).toBe(replyTo("Tell me about harbors"));
    const after = await row(replyId);
    expect(after).toMatchObject({
      status: "complete",
      content: replyTo("Tell me about harbors"),
      owner: null,
    });
    expect(after.resume_count).toBe(1);
    // What the model was sent: the question, then the partial reply to go on with.
    const sent = sim.requests.filter((r) => r.path === "/api/chat").at(-1)!.body as {
      messages: { role: string; content: string }[];
    };
    expect(sent.messages.slice(-2)).toEqual([
      expect.objectContaining({ role: "user", content: "Tell me about harbors" }),
      expect.objectContaining({ role: "assistant", content: partial }),
    ]);
  });

  it("is continued once when two replicas sweep at the same moment", async () => {
    const { resumeInterrupted } = await import("@/lib/chats/resume-interrupted");
    sim.setFaults({ tokensPerSecond: 50 });
    const { chatId, replyId, partial } = await seedCut({ question: "Two replicas, one answer" });
    const claimed = await Promise.all([
      resumeInterrupted({ atBoot: false }),
      resumeInterrupted({ atBoot: false }),
      resumeInterrupted({ atBoot: false }),
    ]);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
    const { text } = await followToEnd(admin, chatId, replyId, partial.length);
    expect(partial + text).toBe(replyTo("Two replicas, one answer"));
    expect((await row(replyId)).resume_count).toBe(1);
  });

  it("is left alone when old, stopped by the user, or already resumed too often", async () => {
    const { resumeInterrupted } = await import("@/lib/chats/resume-interrupted");
    const old = await seedCut({ question: "An old one", ageSeconds: 600 });
    const stopped = await seedCut({ question: "A stopped one", status: "stopped" });
    const looping = await seedCut({ question: "A looping one", resumeCount: 3 });
    expect(await resumeInterrupted({ atBoot: false })).toBe(0);
    expect((await row(old.replyId)).status).toBe("interrupted");
    expect((await row(stopped.replyId)).status).toBe("stopped");
    expect((await row(looping.replyId)).status).toBe("interrupted");
  });
});

describe("Continue", () => {
  it("goes on with a stopped or interrupted reply in place, once, for its owner only", async () => {
    sim.setFaults({ tokensPerSecond: 40 });
    const { chatId, replyId, partial } = await seedCut({ question: "Stop and go on", status: "stopped" });
    expect((await bob.post(`/api/chats/${chatId}/messages/${replyId}/continue`)).status).toBe(404);
    const [first, second] = await Promise.all([
      admin.post(`/api/chats/${chatId}/messages/${replyId}/continue`),
      admin.post(`/api/chats/${chatId}/messages/${replyId}/continue`),
    ]);
    expect([first!.status, second!.status].sort()).toEqual([200, 409]);
    const ok = first!.status === 200 ? first! : second!;
    const { assistantMessage } = await ok.json();
    expect(assistantMessage).toMatchObject({ id: replyId, status: "streaming", content: partial });
    const { text, done } = await followToEnd(admin, chatId, replyId, partial.length);
    expect(done.status).toBe("complete");
    expect(partial + text).toBe(replyTo("Stop and go on"));

    // A complete answer has nothing to continue.
    const again = await admin.post(`/api/chats/${chatId}/messages/${replyId}/continue`);
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toBe("This answer is already complete.");
  });

  it("is how a reply of an OpenAI-compatible runner goes on: never by itself", async () => {
    const created = await admin.post("/api/admin/runners", {
      name: "lab",
      kind: "openai",
      baseUrl: `${sim.url}/v1`,
    });
    expect(created.status).toBe(201);
    const { resumeInterrupted } = await import("@/lib/chats/resume-interrupted");
    const model = `lab/${MODEL}`;
    const { chatId, replyId, partial } = await seedCut({ question: "Over the compatible API", model });
    expect(await resumeInterrupted({ atBoot: false })).toBe(0);
    expect((await row(replyId)).status).toBe("interrupted");

    const res = await admin.post(`/api/chats/${chatId}/messages/${replyId}/continue`);
    expect(res.status).toBe(200);
    const { text, done } = await followToEnd(admin, chatId, replyId, partial.length);
    expect(done.status).toBe("complete");
    expect(partial + text).toBe(replyTo("Over the compatible API"));
    const upstream = sim.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!.body as {
      messages: { role: string; content: string }[];
    };
    expect(upstream.messages.at(-1)).toMatchObject({ role: "assistant", content: partial });
  });
});

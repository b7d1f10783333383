import OpenAI from "openai";
import { beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedKey } from "../support/seed";
import { gatewayClient } from "../support/gateway-client";
import { freePort } from "../support/pg-harness";
import { setupTestApp } from "../support/test-app";

let client: OpenAI;

beforeAll(async () => {
  // Nothing listens where Ollama should be.
  await setupTestApp({ OLLAMA_BASE_URL: `http://127.0.0.1:${await freePort()}` });
  const browser = new Browser();
  await browser.signUp("offline@example.com", "a long enough passphrase");
  client = await gatewayClient(await seedKey({ userId: await browser.id() }));
});

it("answers 503 with a clear message when Ollama cannot be reached", async () => {
  for (const call of [
    () =>
      client.chat.completions.create({ model: "llama3.2:3b", messages: [{ role: "user", content: "hi" }] }),
    () =>
      client.chat.completions.create({
        model: "llama3.2:3b",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
      }),
    () => client.models.list(),
    () => client.embeddings.create({ model: "nomic-embed-text", input: "x" }),
  ]) {
    const err = await call().catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/Ollama cannot be reached/);
  }
});

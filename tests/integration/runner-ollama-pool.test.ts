/**
 * The Ollama runner keeps its connections alive between requests, and a kept
 * connection the far end closed while it sat idle costs the caller nothing:
 * the request, refused before any byte of an answer, is sent once more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOllamaRunner, type OllamaRunner } from "@/lib/runners/ollama/ollama-runner";
import type { ChatEvent } from "@/lib/runners/types";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";

let sim: OllamaSim;
let runner: OllamaRunner;

beforeAll(async () => {
  sim = await startOllamaSim();
  runner = createOllamaRunner({ baseUrl: sim.url });
});
afterAll(() => sim.close());

async function chatText(content: string): Promise<string> {
  const events: ChatEvent[] = [];
  const messages = [{ role: "user" as const, content }];
  for await (const batch of runner.chat({ model: "llama3.2:3b", messages }, new AbortController().signal))
    events.push(...batch);
  return events.map((e) => (e.type === "content" ? e.text : "")).join("");
}

describe("a kept-alive connection to Ollama", () => {
  it("is reused, and one the far end reset is retried once on a fresh connection", async () => {
    const messages = (text: string) => [{ role: "user" as const, content: text }];
    expect(await chatText("first, on a new connection")).toBe(
      expectedReply("llama3.2:3b", messages("first, on a new connection")),
    );
    // Once the first answer's connection is back in the pool (a moment after its end),
    // the next request arriving on a reused connection is reset before it is read.
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.setFaults({ resetReusedConnections: 1 });
    const before = sim.requests.length;
    expect(await chatText("second, after the reset")).toBe(
      expectedReply("llama3.2:3b", messages("second, after the reset")),
    );
    // The reset happened (so the connection was reused), and the retry was answered.
    expect(sim.faults.resetReusedConnections).toBe(0);
    expect(sim.requests.length - before).toBe(1);
  });
});
